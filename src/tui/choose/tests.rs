//! Component tests: actions in, state and intents out, no terminal. The wizard is the shipped
//! one (its questions and pinned outcomes are public behaviour); option positions are looked
//! up by value so that reordering options in the content does not break these tests.

use super::*;
use crate::model::EntryKind;
use crate::tui::test_support::{ctx, fixture, on_screen, opens_in_turn};
use crate::tui::theme::Theme;
use crate::wizard::outcome;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn shipped() -> Knowledge {
    Knowledge::builtin().expect("the shipped model loads")
}

fn r(s: &str) -> EntryRef {
    s.parse().unwrap()
}

/// The `Answer(n)` action that picks `value` on the question on screen.
fn answer_action(choose: &Choose, k: &Knowledge, value: &str) -> Action {
    let id = choose.asking().expect("a question is on screen");
    let q = k.wizard.questions.iter().find(|q| q.id == id).unwrap();
    let at = q.options.iter().position(|o| o.value == value).unwrap();
    Action::Answer(u8::try_from(at + 1).unwrap())
}

/// Answers `id=value` pairs in order, checking each is the question on screen.
/// Runs `test` on a Choose tab over the shipped model, on an 80x24 screen in the dark theme.
fn on_choose(test: impl FnOnce(&mut Choose, &Ctx<'_>)) {
    on_choose_at((80, 24), test);
}

fn on_choose_at(size: (u16, u16), test: impl FnOnce(&mut Choose, &Ctx<'_>)) {
    on_screen(shipped(), size, |c| Choose::new(c.knowledge), test);
}

/// The text area of the outcome on screen, and the outcome laid out in it (nothing selected).
fn outcome_laid(choose: &Choose, c: &Ctx<'_>) -> (Rect, Laid) {
    let Stage::Outcome(res, o) = choose.stage(c.knowledge) else {
        panic!("the outcome")
    };
    let area = text_area(c.body);
    let width = usize::from(area.width);
    (
        area,
        layout::outcome(c.knowledge, &res, &o, width, None, c.theme),
    )
}

fn answer(choose: &mut Choose, c: &Ctx<'_>, pairs: &[&str]) {
    for pair in pairs {
        let (id, value) = pair.split_once('=').unwrap();
        assert_eq!(choose.asking(), Some(id), "before answering {pair}");
        let action = answer_action(choose, c.knowledge, value);
        assert_eq!(choose.update(action, c), Intent::None);
    }
}

const JWT_PATH: &[&str] = &[
    "direction=inbound",
    "caller=backend",
    "idp=none",
    "identity=integration-user",
    "can_sign_jwt=yes",
];

fn answers_of(choose: &Choose) -> Vec<(String, String)> {
    choose
        .answers()
        .iter()
        .map(|(q, v)| (q.to_string(), v.to_string()))
        .collect()
}

#[test]
fn starts_on_the_first_question() {
    let k = shipped();
    let choose = Choose::new(&k);
    assert_eq!(choose.asking(), Some("direction"));
    assert_eq!(choose.key_context(), KeyContext::ChooseQuestion);
    assert!(choose.outcome(&k).is_none());
    assert_eq!(choose.location(), None);
}

#[test]
fn the_pinned_backend_path_ends_on_jwt_bearer() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        assert_eq!(choose.asking(), None);
        assert_eq!(choose.key_context(), KeyContext::ChooseOutcome);
        let o = choose.outcome(c.knowledge).unwrap();
        assert_eq!(o.top(), Some("jwt-bearer"));
        // The same answers give the same outcome as the engine on its own (the CLI's path).
        let engine = outcome(c.knowledge, &resolve(&c.knowledge.wizard, choose.answers())).unwrap();
        assert_eq!(o, engine);
    });
}

#[test]
fn arrows_and_enter_answer_like_number_keys() {
    on_choose(|by_number, c| {
        answer(by_number, c, JWT_PATH);
        let mut by_arrows = Choose::new(c.knowledge);
        for pair in JWT_PATH {
            let (_, value) = pair.split_once('=').unwrap();
            let Action::Answer(n) = answer_action(&by_arrows, c.knowledge, value) else {
                unreachable!()
            };
            by_arrows.update(Action::Bottom, c);
            by_arrows.update(Action::Top, c);
            for _ in 1..n {
                by_arrows.update(Action::Down, c);
            }
            assert_eq!(by_arrows.cursor(), usize::from(n) - 1);
            by_arrows.update(Action::Open, c);
        }
        assert_eq!(answers_of(&by_arrows), answers_of(by_number));
    });
}

#[test]
fn the_cursor_stops_at_both_ends() {
    on_choose(|choose, c| {
        choose.update(Action::Up, c);
        assert_eq!(choose.cursor(), 0);
        let count = c.knowledge.wizard.questions[0].options.len();
        for _ in 0..count + 3 {
            choose.update(Action::Down, c);
        }
        assert_eq!(choose.cursor(), count - 1);
    });
}

#[test]
fn a_number_without_an_option_says_so_and_changes_nothing() {
    on_choose(|choose, c| {
        let count = c.knowledge.wizard.questions[0].options.len();
        assert!(count < 9);
        assert_eq!(
            choose.update(Action::Answer(9), c),
            Intent::Status(format!("no option 9: this question has {count}"))
        );
        assert_eq!(choose.asking(), Some("direction"));
        assert!(choose.answers().is_empty());
    });
}

#[test]
fn stepping_back_walks_the_breadcrumb_and_keeps_later_answers_that_still_apply() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        // From the outcome, back to the last question with the cursor on its answer.
        assert_eq!(choose.update(Action::StepBack, c), Intent::None);
        assert_eq!(choose.asking(), Some("can_sign_jwt"));
        assert_eq!(choose.key_context(), KeyContext::ChooseQuestion);
        let yes = answer_action(choose, c.knowledge, "yes");
        assert_eq!(
            Action::Answer(u8::try_from(choose.cursor() + 1).unwrap()),
            yes
        );
        choose.update(Action::StepBack, c);
        choose.update(Action::StepBack, c);
        assert_eq!(choose.asking(), Some("idp"));
        // Changing idp to oidc keeps identity and can_sign_jwt (both still apply), so the outcome
        // comes straight back.
        let oidc = answer_action(choose, c.knowledge, "oidc");
        choose.update(oidc, c);
        assert_eq!(choose.asking(), None);
        assert_eq!(choose.answers().get("identity"), Some("integration-user"));
        assert_eq!(choose.answers().get("can_sign_jwt"), Some("yes"));
        assert_eq!(choose.answers().get("idp"), Some("oidc"));
        // Changing the caller drops the answers that only applied to backends and asks anew.
        choose.update(Action::StepBack, c);
        while choose.asking() != Some("caller") {
            assert_eq!(choose.update(Action::StepBack, c), Intent::None);
        }
        let web_app = answer_action(choose, c.knowledge, "web-app");
        choose.update(web_app, c);
        assert_eq!(choose.answers().get("identity"), None);
        assert_eq!(choose.answers().get("can_sign_jwt"), None);
        assert_eq!(choose.answers().get("direction"), Some("inbound"));
        assert!(choose.asking().is_some());
    });
}

#[test]
fn stepping_back_from_the_first_question_goes_nowhere() {
    on_choose(|choose, c| {
        assert_eq!(
            choose.update(Action::StepBack, c),
            Intent::Status("this is the first question".into())
        );
        answer(choose, c, &JWT_PATH[..1]);
        choose.update(Action::StepBack, c);
        assert_eq!(choose.asking(), Some("direction"));
        assert_eq!(
            choose.update(Action::StepBack, c),
            Intent::Status("this is the first question".into())
        );
    });
}

#[test]
fn restart_forgets_every_answer() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        choose.update(Action::NextLink, c);
        assert_eq!(
            choose.update(Action::Restart, c),
            Intent::Status("started over".into())
        );
        assert!(choose.answers().is_empty());
        assert_eq!(choose.asking(), Some("direction"));
        assert_eq!(choose.selected_link(), None);
        assert_eq!(choose.cursor(), 0);
        // Restarting in the middle works the same.
        answer(choose, c, &JWT_PATH[..2]);
        choose.update(Action::Restart, c);
        assert!(choose.answers().is_empty());
    });
}

#[test]
fn copy_gives_the_outcome_as_markdown() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        let o = choose.outcome(c.knowledge).unwrap();
        match choose.update(Action::Copy, c) {
            Intent::Copy { text, label } => {
                assert_eq!(text, to_markdown(c.knowledge, &o));
                assert!(text.contains("(`jwt-bearer`)"), "{text}");
                assert_eq!(label, "the recommendation as Markdown");
            }
            other => panic!("expected a copy, got {other:?}"),
        }
    });
}

#[test]
fn copy_on_a_question_gives_the_command_that_resumes_there() {
    on_choose(|choose, c| {
        assert_eq!(
            choose.update(Action::Copy, c),
            Intent::Copy {
                text: "sfauth choose".into(),
                label: "the sfauth choose command".into()
            }
        );
        answer(choose, c, &JWT_PATH[..2]);
        assert_eq!(
            choose.update(Action::Copy, c),
            Intent::Copy {
                text: "sfauth choose --answer direction=inbound --answer caller=backend".into(),
                label: "the sfauth choose command".into()
            }
        );
    });
}

#[test]
fn links_are_selected_in_reading_order_and_opened_with_enter() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        // Enter with nothing selected selects the first link: the top pick's Library entry.
        assert_eq!(choose.update(Action::Open, c), Intent::None);
        assert_eq!(choose.selected_link(), Some(&r("strategy:jwt-bearer")));
        assert_eq!(choose.location(), Some(r("strategy:jwt-bearer")));
        // Open jumps to it; the next link is its flow diagram.
        let targets = ["strategy:jwt-bearer", "flow:jwt-bearer"];
        opens_in_turn(choose, c, Action::NextLink, &targets);
        // Backwards from the first link wraps to the last: a drill card.
        choose.update(Action::PrevLink, c);
        choose.update(Action::PrevLink, c);
        match choose.update(Action::Open, c) {
            Intent::JumpTo(target) => assert_eq!(target.kind, EntryKind::Card),
            other => panic!("expected a jump, got {other:?}"),
        }
    });
}

#[test]
fn every_link_of_the_outcome_resolves() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        let first = {
            choose.update(Action::NextLink, c);
            choose.selected_link().cloned().unwrap()
        };
        let mut seen = vec![first.clone()];
        loop {
            choose.update(Action::NextLink, c);
            let target = choose.selected_link().cloned().unwrap();
            assert!(c.knowledge.contains(&target), "{target}");
            if target == first && seen.len() > 1 {
                break;
            }
            seen.push(target);
            assert!(seen.len() < 200, "link selection never wraps");
        }
        let o = choose.outcome(c.knowledge).unwrap();
        for flow in &o.links.flows {
            assert!(seen.contains(&EntryRef::new(EntryKind::Flow, flow.as_str())));
        }
        assert!(seen.iter().any(|t| t.kind == EntryKind::Practice));
    });
}

#[test]
fn selecting_a_link_scrolls_it_into_view() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        let (area, laid) = outcome_laid(choose, c);
        let height = usize::from(area.height);
        let visible = |choose: &Choose, index: usize| {
            let line = laid.link_line(index).unwrap();
            choose.scroll() <= line && line < choose.scroll() + height
        };
        choose.update(Action::PrevLink, c);
        assert!(
            choose.scroll() > 0,
            "the last link is below the first screen"
        );
        assert!(visible(choose, laid.link_count() - 1));
        choose.update(Action::NextLink, c);
        assert!(visible(choose, 0));
    });
}

#[test]
fn scrolling_is_clamped_to_the_outcome() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        choose.update(Action::Up, c);
        assert_eq!(choose.scroll(), 0);
        choose.update(Action::Bottom, c);
        let max = choose.scroll();
        assert!(max > 0);
        choose.update(Action::Down, c);
        choose.update(Action::PageDown, c);
        assert_eq!(choose.scroll(), max);
        choose.update(Action::PageUp, c);
        assert!(choose.scroll() < max);
        choose.update(Action::Top, c);
        assert_eq!(choose.scroll(), 0);
    });
}

#[test]
fn coming_back_to_a_link_selects_it_again() {
    on_choose(|choose, c| {
        answer(choose, c, JWT_PATH);
        assert!(choose.restore(&r("practice:least-privilege-scopes"), c));
        assert_eq!(
            choose.selected_link(),
            Some(&r("practice:least-privilege-scopes"))
        );
        assert!(choose.scroll() > 0);
        // An entry that is not one of the links leaves the view as it is, on this tab.
        assert!(choose.restore(&r("glossary:my-domain"), c));
        assert_eq!(
            choose.selected_link(),
            Some(&r("practice:least-privilege-scopes"))
        );
        // No entry lives here: a link to one opens its own tab, never this one.
        assert!(!choose.show(&r("practice:least-privilege-scopes"), c));
    });
}

#[test]
fn esc_is_left_to_the_app() {
    on_choose(|choose, c| {
        assert_eq!(choose.update(Action::Back, c), Intent::Back);
        answer(choose, c, JWT_PATH);
        assert_eq!(choose.update(Action::Back, c), Intent::Back);
    });
}

#[test]
fn clicking_an_option_answers_it_and_clicking_a_crumb_changes_that_answer() {
    on_choose(|choose, c| {
        let area = text_area(c.body);
        let Stage::Question(a) = choose.stage(c.knowledge) else {
            panic!("a question first")
        };
        let laid = layout::question(&a, 0, usize::from(area.width), c.theme);
        let inbound = a
            .question
            .options
            .iter()
            .position(|o| o.value == "inbound")
            .unwrap();
        let (line, _) = laid.option_lines(inbound).unwrap();
        let click = Action::Click {
            column: area.x + 8,
            row: area.y + u16::try_from(line).unwrap(),
        };
        assert_eq!(choose.update(click, c), Intent::None);
        assert_eq!(choose.answers().get("direction"), Some("inbound"));
        assert_eq!(choose.asking(), Some("caller"));
        // The breadcrumb is the first line: `Answers: direction inbound`.
        let crumb = Action::Click {
            column: area.x + 12,
            row: area.y,
        };
        choose.update(crumb, c);
        assert_eq!(choose.asking(), Some("direction"));
        assert_eq!(choose.answers().get("direction"), Some("inbound"));
    });
}

#[test]
fn clicking_a_link_on_the_outcome_jumps_there() {
    on_choose_at((120, 40), |choose, c| {
        answer(choose, c, JWT_PATH);
        let (area, laid) = outcome_laid(choose, c);
        let line = laid.link_line(1).unwrap();
        let (spot, _) = laid.links().nth(1).unwrap();
        let click = Action::Click {
            column: area.x + u16::try_from(spot.columns.start).unwrap(),
            row: area.y + u16::try_from(line).unwrap(),
        };
        assert_eq!(
            choose.update(click, c),
            Intent::JumpTo(r("flow:jwt-bearer"))
        );
        assert_eq!(choose.location(), Some(r("flow:jwt-bearer")));
    });
}

#[test]
fn the_wheel_moves_the_cursor_or_scrolls_the_outcome() {
    let (k, t) = (shipped(), Theme::dark());
    let c = ctx(&k, &t, 80, 24);
    let area = text_area(c.body);
    let wheel = |up| Action::Wheel {
        up,
        column: area.x + 1,
        row: area.y + 1,
    };
    let mut choose = Choose::new(&k);
    choose.update(wheel(false), &c);
    assert_eq!(choose.cursor(), 1);
    choose.update(wheel(true), &c);
    assert_eq!(choose.cursor(), 0);
    answer(&mut choose, &c, JWT_PATH);
    choose.update(wheel(false), &c);
    assert_eq!(choose.scroll(), WHEEL_LINES);
}

#[test]
fn a_model_without_a_wizard_says_so_and_takes_every_action() {
    let k = fixture();
    assert!(k.wizard.questions.is_empty());
    let t = Theme::dark();
    let c = ctx(&k, &t, 80, 24);
    let mut choose = Choose::new(&k);
    assert_eq!(choose.asking(), None);
    for action in [
        Action::Down,
        Action::Open,
        Action::Answer(1),
        Action::StepBack,
        Action::NextLink,
        Action::Restart,
        Action::Click { column: 5, row: 5 },
    ] {
        choose.update(action, &c);
    }
    assert_eq!(
        choose.update(Action::Copy, &c),
        Intent::Status("the model has no wizard questions".into())
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| choose.render(f, c.body, &c)).unwrap();
    let screen = format!("{:?}", terminal.backend().buffer());
    assert!(screen.contains("no wizard questions"));
}

#[test]
fn tiny_areas_take_every_action_and_render_without_panicking() {
    let (k, t) = (shipped(), Theme::dark());
    for (w, h) in [(0, 0), (1, 1), (20, 5), (60, 16)] {
        let c = ctx(&k, &t, w, h);
        let mut choose = Choose::new(&k);
        let mut screens = 0;
        for pair in JWT_PATH {
            let (_, value) = pair.split_once('=').unwrap();
            let action = answer_action(&choose, &k, value);
            for extra in [Action::PageDown, Action::Bottom, Action::Top] {
                choose.update(extra, &c);
            }
            choose.update(action, &c);
            let mut terminal = Terminal::new(TestBackend::new(w.max(1), h.max(1))).unwrap();
            terminal.draw(|f| choose.render(f, f.area(), &c)).unwrap();
            screens += 1;
        }
        assert_eq!(choose.asking(), None, "at {w}x{h}");
        for action in [
            Action::PageDown,
            Action::Bottom,
            Action::PrevLink,
            Action::Wheel {
                up: false,
                column: 0,
                row: 0,
            },
            Action::Click { column: 0, row: 0 },
            Action::StepBack,
        ] {
            choose.update(action, &c);
        }
        let mut terminal = Terminal::new(TestBackend::new(w.max(1), h.max(1))).unwrap();
        terminal.draw(|f| choose.render(f, f.area(), &c)).unwrap();
        assert_eq!(screens, JWT_PATH.len());
    }
}

#[test]
fn the_highlighted_option_stays_on_screen_when_the_question_is_taller_than_the_area() {
    on_choose_at((60, 16), |choose, c| {
        answer(choose, c, &JWT_PATH[..1]);
        choose.update(Action::Bottom, c);
        let Stage::Question(a) = choose.stage(c.knowledge) else {
            panic!("the caller question")
        };
        let area = text_area(c.body);
        let laid = layout::question(&a, choose.cursor(), usize::from(area.width), c.theme);
        let height = usize::from(area.height);
        let offset = layout::question_offset(&laid, choose.cursor(), height);
        let (first, last) = laid.option_lines(choose.cursor()).unwrap();
        assert!(laid.lines.len() > height, "the test needs a tall question");
        assert!(offset <= first && last < offset + height);
    });
}

#[test]
fn letters_pick_options_on_a_question_and_digits_stay_tab_keys() {
    use crate::tui::keymap::{Key, Keymap};
    let map = Keymap::default();
    let key = |s: &str| s.parse::<Key>().unwrap();
    for (n, letter) in (1..=9u8).zip('a'..='i') {
        assert_eq!(
            map.lookup(KeyContext::ChooseQuestion, Key::char(letter)),
            Some(Action::Answer(n))
        );
        let digit = key(&n.to_string());
        assert_eq!(map.lookup(KeyContext::ChooseQuestion, digit), None);
        assert_eq!(map.lookup(KeyContext::ChooseOutcome, digit), None);
    }
    assert_eq!(
        map.lookup(KeyContext::ChooseQuestion, key("backspace")),
        Some(Action::StepBack)
    );
    assert_eq!(
        map.lookup(KeyContext::ChooseOutcome, key("tab")),
        Some(Action::NextLink)
    );
    assert_eq!(map.lookup(KeyContext::ChooseQuestion, key("tab")), None);
}
