//! The Choose tab in the whole app, on the shipped model (the wizard's content is final):
//! screens drawn on a test backend and compared with reviewed snapshots, and key scripts that
//! answer, step back, restart, copy and jump.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;
mod wizard_support;

use sfauth::model::Knowledge;
use sfauth::tui::{App, MemoryClipboard, Options, TabId, Theme, ThemeKind};
use tui_support::{draw, press, screen_text};
use wizard_support::BACKEND_JWT;

fn shipped() -> App<MemoryClipboard> {
    let options = Options {
        tab: TabId::Choose,
        entry: None,
        theme: ThemeKind::Dark,
        ..Options::default()
    };
    App::new(
        Knowledge::builtin().unwrap(),
        options,
        MemoryClipboard::default(),
    )
}

/// The letter key of the option with this value on the question on screen.
fn key_for(app: &App<MemoryClipboard>, value: &str) -> String {
    let k = app.knowledge();
    let id = app.choose().asking().expect("a question is on screen");
    let q = k.wizard.questions.iter().find(|q| q.id == id).unwrap();
    let at = q.options.iter().position(|o| o.value == value).unwrap();
    char::from(b'a' + u8::try_from(at).unwrap()).to_string()
}

/// Answers each `id=value` in turn with the option's letter key, checking the question asked.
fn answer(app: &mut App<MemoryClipboard>, pairs: &[&str]) {
    for pair in pairs {
        let (id, value) = pair.split_once('=').unwrap();
        assert_eq!(app.choose().asking(), Some(id), "before answering {pair}");
        let key = key_for(app, value);
        press(app, &key);
    }
}

/// Each screen: its snapshot's name, how many answers of the JWT path are given, the keys
/// pressed after them, and the terminal size.
const SCREENS: [(&str, usize, &str, u16, u16); 4] = [
    ("choose_question_80x24", 2, "j", 80, 24),
    // Changing an answer.
    (
        "choose_question_change_120x40",
        4,
        "backspace backspace",
        120,
        40,
    ),
    ("choose_outcome_80x24", BACKEND_JWT.len(), "", 80, 24),
    // The end of the outcome.
    ("choose_outcome_end_80x24", BACKEND_JWT.len(), "G", 80, 24),
];

/// Screens also recorded with their colours (`NAME_styled`): the selected option and the key
/// letters.
const STYLED: [&str; 1] = ["choose_question_80x24"];

#[test]
fn screens_match_their_snapshots() {
    for (snapshot, answers, keys, width, height) in SCREENS {
        let mut app = shipped();
        answer(&mut app, &BACKEND_JWT[..answers]);
        press(&mut app, keys);
        let terminal = draw(&mut app, width, height);
        tui_support::assert_screen!(snapshot, terminal, STYLED.contains(&snapshot));
    }
}

#[test]
fn outcome_screen_at_120x40_with_a_link_selected() {
    let mut app = shipped();
    answer(&mut app, &BACKEND_JWT);
    app.set_size(120, 40);
    press(&mut app, "tab tab");
    let terminal = draw(&mut app, 120, 40);
    insta::assert_snapshot!("choose_outcome_120x40", terminal.backend());
    // The selected link (the snapshot shows text only) is drawn in the selected-link style.
    let (x, y) = tui_support::position_of(&terminal, "→ flow:jwt-bearer").unwrap();
    // The link's text starts after the arrow and its space.
    let cell = &terminal.backend().buffer()[(x + 2, y)];
    assert_eq!(cell.bg, Theme::dark().link_selected.bg.unwrap());
    assert_eq!(
        app.choose()
            .selected_link()
            .map(ToString::to_string)
            .as_deref(),
        Some("flow:jwt-bearer")
    );
}

#[test]
fn the_app_starts_on_choose() {
    assert_eq!(Options::default().tab, TabId::Choose);
    let app = App::new(
        Knowledge::builtin().unwrap(),
        Options::default(),
        MemoryClipboard::default(),
    );
    assert_eq!(app.active_tab(), TabId::Choose);
}

#[test]
fn number_keys_switch_tabs_on_every_choose_screen_and_answer_nothing() {
    let screens: [(&str, &[&str]); 3] = [
        ("first question", &[]),
        ("a later question", &BACKEND_JWT[..2]),
        ("the recommendation", &BACKEND_JWT),
    ];
    for (name, path) in screens {
        tui_support::assert_digits_switch_tabs(
            name,
            || {
                let mut app = shipped();
                answer(&mut app, path);
                app
            },
            |app| app.choose().answers().len(),
        );
    }
}

#[test]
fn letters_answer_on_a_question_and_number_keys_switch_tabs() {
    let mut app = shipped();
    press(&mut app, "a");
    assert_eq!(app.active_tab(), TabId::Choose);
    assert_eq!(app.choose().answers().len(), 1);
    press(&mut app, "2");
    assert_eq!(app.active_tab(), TabId::Inspect);
    assert_eq!(app.choose().answers().len(), 1, "a digit answers nothing");
    press(&mut app, "1");
    // Tab still switches tabs from a question.
    press(&mut app, "tab");
    assert_eq!(app.active_tab(), TabId::Inspect);
    press(&mut app, "1");
    assert_eq!(app.active_tab(), TabId::Choose);
    assert_eq!(
        app.choose().answers().len(),
        1,
        "switching tabs keeps the answers"
    );
    app = shipped();
    answer(&mut app, &BACKEND_JWT);
    press(&mut app, "5");
    assert_eq!(app.active_tab(), TabId::Library);
}

#[test]
fn y_copies_the_recommendation_as_markdown() {
    let mut app = shipped();
    answer(&mut app, &BACKEND_JWT);
    press(&mut app, "y");
    let copies = &app.clipboard().copies;
    assert_eq!(copies.len(), 1);
    let o = app.choose().outcome(app.knowledge()).unwrap();
    assert_eq!(copies[0], sfauth::wizard::to_markdown(app.knowledge(), &o));
    assert!(
        app.status()
            .unwrap()
            .contains("the recommendation as Markdown"),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_link_opens_in_its_tab_and_esc_comes_back_to_it() {
    let mut app = shipped();
    answer(&mut app, &BACKEND_JWT);
    press(&mut app, "tab tab enter");
    let flow: sfauth::model::EntryRef = "flow:jwt-bearer".parse().unwrap();
    assert_eq!(
        app.active_tab(),
        TabId::home_of(sfauth::model::EntryKind::Flow)
    );
    if app.active_tab() == TabId::Library {
        assert_eq!(app.library().shown(), Some(&flow));
    }
    assert_eq!(app.history().len(), 1);
    press(&mut app, "esc");
    assert_eq!(app.active_tab(), TabId::Choose);
    assert_eq!(app.choose().selected_link(), Some(&flow));
    // Enter follows the same link again.
    press(&mut app, "enter");
    assert_eq!(app.active_tab(), TabId::home_of(flow.kind));
}

#[test]
fn backspace_then_r_in_the_app() {
    let mut app = shipped();
    answer(&mut app, &BACKEND_JWT);
    press(&mut app, "backspace");
    assert_eq!(app.choose().asking(), Some("can_sign_jwt"));
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("changing the answer"), "{screen}");
    assert!(screen.contains("✓ current answer"), "{screen}");
    press(&mut app, "r");
    assert!(app.choose().answers().is_empty());
    assert_eq!(app.status(), Some("started over"));
}

#[test]
fn help_lists_the_choose_keys() {
    let mut app = shipped();
    press(&mut app, "?");
    let screen = screen_text(&draw(&mut app, 100, 40));
    assert!(screen.contains("Choose: a question"), "{screen}");
    assert!(
        screen.contains("a-i ") && screen.contains("answer with option"),
        "{screen}"
    );
    press(&mut app, "esc");
    answer(&mut app, &BACKEND_JWT);
    press(&mut app, "?");
    let screen = screen_text(&draw(&mut app, 100, 40));
    assert!(screen.contains("Choose: the recommendation"), "{screen}");
    assert!(
        screen.contains("copy the recommendation as Markdown"),
        "{screen}"
    );
}

/// Every way through the wizard, by letter keys, ends on a recommendation that draws with its
/// top pick at the head of the first card.
#[test]
fn every_path_through_the_wizard_draws_a_recommendation() {
    fn explore(keys: &mut Vec<String>, outcomes: &mut usize) {
        let mut app = shipped();
        press(&mut app, &keys.join(" "));
        let Some(id) = app.choose().asking().map(str::to_string) else {
            let o = app.choose().outcome(app.knowledge()).unwrap();
            let top = o.top().expect("at least one recommendation");
            let name = &app.knowledge().strategy(top).unwrap().name;
            let head = format!("1. {}", name.chars().take(40).collect::<String>());
            let screen = screen_text(&draw(&mut app, 80, 24));
            assert!(screen.contains("Choose: recommendation"), "{screen}");
            assert!(screen.contains(&head), "{keys:?}: {head}\n{screen}");
            *outcomes += 1;
            return;
        };
        let count = app
            .knowledge()
            .wizard
            .questions
            .iter()
            .find(|q| q.id == id)
            .unwrap()
            .options
            .len();
        assert!(count <= 9, "{id} has more options than letter keys");
        for letter in ('a'..='i').take(count) {
            keys.push(letter.to_string());
            explore(keys, outcomes);
            keys.pop();
        }
    }
    let mut outcomes = 0;
    explore(&mut Vec::new(), &mut outcomes);
    assert!(outcomes >= 12, "only {outcomes} paths");
}

#[test]
fn tab_choose_is_accepted_on_the_command_line() {
    for name in ["choose", "Choose", "1"] {
        assert_cmd::Command::cargo_bin("sfauth")
            .unwrap()
            .env_remove("SFAUTH_PACK")
            .args(["--tab", name])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("needs a terminal"));
    }
}
