//! The device flow's verification page: the user enters the code the device shows, logs in
//! and allows (or denies) it.

use super::form::{Form, from_query, read_body};
use super::page::{error_line, escape, hidden, html, login_fields};
use super::reply::{note, with_note};
use crate::serve::Ctx;
use crate::serve::grants::quoted;
use crate::serve::refusals::Rule;
use crate::serve::store::DeviceState;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

pub async fn show(req: Request) -> Response {
    let form = from_query(req.uri().query()).unwrap_or_default();
    with_note(
        page(&form, None),
        note(Some("device"), "verification-page", ""),
    )
}

pub async fn submit(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let form = match read_body(&parts.headers, body).await {
        Ok(f) => f,
        Err(r) => {
            return with_note(
                page(&Form::default(), Some(&r.detail)),
                note(Some("device"), &r.by, r.detail.clone()),
            );
        }
    };
    let user_code = form.get("user_code").unwrap_or_default();
    let user = form
        .get("username")
        .and_then(|u| ctx.org.user(u))
        .filter(|(_, u)| Some(u.spec.password.as_str()) == form.get("password"));
    let Some((user_index, user)) = user else {
        return with_note(
            page(&form, Some("Please check your username and password.")),
            note(Some("device"), "login-failed", "wrong username or password"),
        );
    };
    if !user.spec.active {
        return with_note(
            page(&form, Some("user is inactive")),
            note(Some("device"), &Rule::InactiveUser.name(), "inactive user"),
        );
    }
    let state = if form.get("action") == Some("deny") {
        DeviceState::Denied
    } else {
        DeviceState::Approved(user_index)
    };
    let denied = state == DeviceState::Denied;
    let Some(app) = ctx.store.decide_device(user_code, state) else {
        return with_note(
            page(&form, Some("That code is not valid or has expired.")),
            note(
                Some("device"),
                &Rule::DeviceCodeInvalid.name(),
                "unknown user code",
            ),
        );
    };
    if !denied {
        ctx.store.approve(app, user_index);
    }
    let what = if denied { "denied" } else { "allowed" };
    with_note(
        html(
            StatusCode::OK,
            "Device connected",
            &format!("<p>You {what} the device. You can close this window.</p>"),
        ),
        note(
            Some("device"),
            what,
            format!("by {}", quoted(&user.spec.username)),
        ),
    )
}

fn page(form: &Form, error: Option<&str>) -> Response {
    let code = form.get("user_code").unwrap_or_default();
    let body = format!(
        "<p>Enter the code your device shows, then log in.</p>\n{}\
         <form method=\"post\" action=\"{}\">\n\
         <label>Code <input name=\"user_code\" value=\"{}\"></label>\n{}{}\
         <button name=\"action\" value=\"allow\">Connect</button>\n\
         <button name=\"action\" value=\"deny\">Deny</button>\n</form>",
        error_line(error),
        crate::serve::grants::device::VERIFICATION_PATH,
        escape(code),
        login_fields(),
        hidden("display", "page"),
    );
    html(StatusCode::OK, "Connect a device", &body)
}
