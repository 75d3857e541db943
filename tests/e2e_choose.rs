//! End to end: the Choose tab in the real binary, in a real pseudo-terminal (tmux), on the
//! shipped model. Answers the wizard to its recommendation, steps back, follows a link into the
//! Library, comes back, and quits. Polls the screen with a timeout; never sleeps a fixed time.
//! Skipped, with a notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::{Start, Tmux, sfauth_script, title, tmux_missing};
use sfauth::model::Knowledge;

/// The letter key of `value` among the options of question `id` in the shipped wizard.
fn key_for(k: &Knowledge, id: &str, value: &str) -> String {
    let q = k.wizard.questions.iter().find(|q| q.id == id).unwrap();
    let at = q.options.iter().position(|o| o.value == value).unwrap();
    char::from(b'a' + u8::try_from(at).unwrap()).to_string()
}

#[test]
fn choose_answers_to_a_recommendation_follows_a_link_and_comes_back() {
    if tmux_missing("Choose") {
        return;
    }
    let k = Knowledge::builtin().unwrap();
    let tmux = Tmux::start(
        "choose",
        100,
        30,
        &sfauth_script(Start::Now, "", "--tab choose"),
    );

    tmux.wait_until("the first question", |s| {
        title(s).contains("Choose: question 1") && s.contains("No answers yet")
    });

    // Answer with letter keys, then the last question with the arrows and enter.
    let path = [
        ("direction", "inbound"),
        ("caller", "backend"),
        ("idp", "none"),
        ("identity", "integration-user"),
    ];
    for (i, (id, value)) in path.iter().enumerate() {
        tmux.text(&key_for(&k, id, value));
        let next = format!("Choose: question {} ", i + 2);
        tmux.wait_until(&next, |s| title(s).contains(&next));
    }
    let yes = key_for(&k, "can_sign_jwt", "yes").chars().next().unwrap();
    for _ in 'a'..yes {
        tmux.keys(&["Down"]);
    }
    tmux.keys(&["Enter"]);
    let outcome = tmux.wait_until("the recommendation", |s| {
        title(s).contains("Choose: recommendation") && s.contains("1. OAuth 2.0 JWT Bearer Flow")
    });
    assert!(outcome.contains("can_sign_jwt yes"), "{outcome}");

    // Backspace goes back to the last question to change it; the same answer comes back to
    // the same recommendation.
    tmux.keys(&["BSpace"]);
    tmux.wait_until("changing the last answer", |s| {
        title(s).contains("changing the answer") && s.contains("current answer")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_until("the recommendation again", |s| {
        title(s).contains("Choose: recommendation")
    });

    // Tab selects the top pick's entry, enter opens it in the Library.
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_until("the Library entry", |s| {
        title(s).contains(" strategy:jwt-bearer ") && s.contains("esc: back to Choose")
    });

    // Esc comes back to the recommendation, where it was.
    tmux.keys(&["Escape"]);
    tmux.wait_until("back on the recommendation", |s| {
        title(s).contains("Choose: recommendation") && s.contains("1. OAuth 2.0 JWT Bearer Flow")
    });

    // r starts over.
    tmux.text("r");
    tmux.wait_until("the first question again", |s| {
        title(s).contains("Choose: question 1") && s.contains("started over")
    });

    tmux.text("q");
    let screen = tmux.wait_for_exit(0);
    assert!(
        !screen.contains("Choose: "),
        "the alternate screen was not left:\n{screen}"
    );
}
