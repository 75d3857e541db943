//! Drill: interview practice with spaced repetition. Pure domain code that the CLI
//! (`sfauth drill ...`) and the Drill tab both drive.
//!
//! - [`Deck`]: the model's cards plus cards generated from the wizard, flows, error catalog
//!   and inspector checks, with stable ids.
//! - [`Session`]: due cards first, then new ones up to a daily limit; answered through method
//!   calls (reveal/grade, choose, submit an order, skip) and closed with a [`Summary`].
//! - [`ProgressStore`]: the review log on disk, written atomically and merged under a lock.
//! - [`stats`]: retention per topic, due today and this week.

mod card;
mod codec;
mod deck;
mod export;
pub mod generate;
mod lock;
mod progress;
mod queue;
mod schedule;
mod seed;
mod session;
mod settings_file;
mod stats;
mod store;

pub use card::{Answering, CardKind, DrillCard, Mode, option_letter};
pub use codec::{SCHEMA_VERSION, decode, encode, encode_entries};
pub use deck::Deck;
pub use export::{CSV_HEADER, ExportFormat, export};
pub use progress::{CardProgress, Progress, ReviewLog};
pub use queue::{DEFAULT_NEW_PER_DAY, QueueOptions, build_queue, day_bounds, local_offset};
pub use schedule::{Grade, Memory, Review, Scheduler, short_interval};
pub use seed::{Rng, seed_of};
pub use session::{Answered, Feedback, Phase, Session, SessionError, Summary};
pub use settings_file::{SETTINGS_FILE, SavedDrill, SavedSettings, load_settings, save_settings};
pub use stats::{Figures, Stats, TopicFigures, stats};
pub use store::{
    PROGRESS_FILE, ProgressStore, StoreError, StoreWarning, default_data_dir, resolve_data_dir,
};

#[cfg(test)]
mod session_tests;
