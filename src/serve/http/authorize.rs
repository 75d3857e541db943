//! `GET /services/oauth2/authorize` shows a login-and-approve page; its form posts back here,
//! and the browser is redirected to the callback with `code` and `state` (or `error`).

use super::form::{Form, from_query, read_body};
use super::page::{error_line, escape, hidden, html, login_fields};
use super::reply::{Note, Refused, note, with_note};
use crate::serve::Ctx;
use crate::serve::grants::{quoted, scopes};
use crate::serve::issue::random_text;
use crate::serve::org::{App, FlowId};
use crate::serve::refusals::Rule;
use crate::serve::store::{CodeRecord, Grant};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The authorize parameters carried from the page into its form.
const CARRIED: [&str; 7] = [
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "scope",
    "code_challenge",
    "code_challenge_method",
];

struct Checked<'o> {
    app_index: usize,
    app: &'o App,
    redirect_uri: String,
    scopes: Vec<String>,
}

pub async fn show(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let form = match from_query(req.uri().query()) {
        Ok(f) => f,
        Err(r) => return error_page(&ctx, &r),
    };
    match check(&ctx, &form) {
        Ok(Ok(c)) => with_note(
            login_page(&form, &c, None, StatusCode::OK),
            note(Some("authorize"), "login-page", ""),
        ),
        Ok(Err(redirect)) => redirect,
        Err(r) => error_page(&ctx, &r),
    }
}

pub async fn submit(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let form = match read_body(&parts.headers, body).await {
        Ok(f) => f,
        Err(r) => return error_page(&ctx, &r),
    };
    let c = match check(&ctx, &form) {
        Ok(Ok(c)) => c,
        Ok(Err(redirect)) => return redirect,
        Err(r) => return error_page(&ctx, &r),
    };
    if form.get("action") == Some("deny") {
        return redirect_error(
            &ctx,
            &form,
            &c.redirect_uri,
            Rule::AccessDenied,
            "the user denied access",
        );
    }
    let user = form
        .get("username")
        .and_then(|u| ctx.org.user(u))
        .filter(|(_, u)| Some(u.spec.password.as_str()) == form.get("password"));
    let Some((user_index, user)) = user else {
        return with_note(
            login_page(
                &form,
                &c,
                Some("Please check your username and password."),
                StatusCode::OK,
            ),
            note(
                Some("authorize"),
                "login-failed",
                "wrong username or password",
            ),
        );
    };
    if !user.spec.active {
        let message = Rule::InactiveUser
            .error(&ctx.k)
            .map_or("user is inactive".to_string(), |e| e.display_line());
        return with_note(
            login_page(&form, &c, Some(&message), StatusCode::OK),
            note(
                Some("authorize"),
                &Rule::InactiveUser.name(),
                "inactive user",
            ),
        );
    }
    if !c.app.permits(user) {
        return redirect_error(
            &ctx,
            &form,
            &c.redirect_uri,
            Rule::AdminApprovalNeeded,
            &format!("{} is not pre-authorized", quoted(&user.spec.username)),
        );
    }
    ctx.store.approve(c.app_index, user_index);
    let code = format!("aPrx{}", random_text(32));
    ctx.store.add_code(
        code.clone(),
        CodeRecord {
            grant: Grant {
                app: c.app_index,
                user: user_index,
                scopes: c.scopes,
            },
            redirect_uri: c.redirect_uri.clone(),
            code_challenge: form.get("code_challenge").map(str::to_string),
            issued_at_ms: ctx.store.clock.now_ms(),
        },
    );
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = form.get("state") {
        params.push(("state", s));
    }
    redirect(
        &c.redirect_uri,
        &params,
        note(
            Some("authorize"),
            "approved",
            format!("code for {}", quoted(&user.spec.username)),
        ),
    )
}

/// Errors that cannot go back to the client (unknown app, unregistered callback) are shown on
/// the page; the others are redirected to the callback, as OAuth requires.
fn check<'o>(ctx: &'o Ctx, form: &Form) -> Result<Result<Checked<'o>, Response>, Refused> {
    let client_id = form.get("client_id").unwrap_or_default();
    let (app_index, app) = ctx.org.app(client_id).ok_or_else(|| {
        Refused::rule(
            Rule::UnknownClient,
            format!("client_id {} names no app", quoted(client_id)),
        )
    })?;
    let redirect_uri = form.get("redirect_uri").unwrap_or_default().to_string();
    if !app.spec.callback_urls.iter().any(|c| *c == redirect_uri) {
        return Err(Refused::rule(
            Rule::RedirectUriMismatch,
            format!(
                "redirect_uri {} is not a callback URL of the app",
                quoted(&redirect_uri)
            ),
        ));
    }
    let refuse = |rule: Rule, detail: String| -> Result<Result<Checked<'o>, Response>, Refused> {
        Ok(Err(redirect_error(ctx, form, &redirect_uri, rule, &detail)))
    };
    if form.get("response_type") != Some("code") {
        return refuse(
            Rule::MissingParameter,
            "response_type must be code".to_string(),
        );
    }
    if !app.allows(FlowId::WebServer) {
        return refuse(
            Rule::FlowNotEnabled,
            "the app does not enable the web-server flow".to_string(),
        );
    }
    match (
        form.get("code_challenge"),
        form.get("code_challenge_method"),
    ) {
        (None, _) if app.spec.pkce_required => {
            return refuse(
                Rule::PkceRequired,
                "the app requires a code_challenge".to_string(),
            );
        }
        (Some(_), Some(m)) if m != "S256" => {
            return refuse(
                Rule::PkceRequired,
                format!("code_challenge_method {} is not S256", quoted(m)),
            );
        }
        _ => {}
    }
    let scopes = match scopes(app, form.get("scope")) {
        Ok(s) => s,
        Err(r) => return refuse(Rule::InvalidScope, r.detail),
    };
    Ok(Ok(Checked {
        app_index,
        app,
        redirect_uri,
        scopes,
    }))
}

fn login_page(form: &Form, c: &Checked<'_>, error: Option<&str>, status: StatusCode) -> Response {
    let carried: String = CARRIED
        .iter()
        .filter_map(|name| form.get(name).map(|v| hidden(name, v)))
        .collect();
    let body = format!(
        "<p><b>{app}</b> asks to access your account with scopes <code>{scopes}</code>.</p>\n\
         {error}<form method=\"post\" action=\"/services/oauth2/authorize\">\n{carried}{login}\
         <button name=\"action\" value=\"allow\">Allow</button>\n\
         <button name=\"action\" value=\"deny\">Deny</button>\n</form>",
        app = escape(&c.app.spec.name),
        scopes = escape(&c.scopes.join(" ")),
        error = error_line(error),
        login = login_fields(),
    );
    html(status, "Log in and allow access", &body)
}

fn error_page(ctx: &Ctx, r: &Refused) -> Response {
    let line = r
        .entry(&ctx.k)
        .map_or_else(|| r.by.clone(), |e| e.display_line());
    let body = format!(
        "<p class=\"error\">error={}</p>\n<p>{}</p>",
        escape(&line),
        escape(&r.detail)
    );
    with_note(
        html(StatusCode::BAD_REQUEST, "Authorization error", &body),
        Note {
            grant: Some("authorize".to_string()),
            by: r.by.clone(),
            detail: r.detail.clone(),
        },
    )
}

fn redirect_error(
    ctx: &Ctx,
    form: &Form,
    redirect_uri: &str,
    rule: Rule,
    detail: &str,
) -> Response {
    let mut params = Vec::new();
    let entry = rule.error(&ctx.k);
    let error = entry.map_or("server_error".to_string(), |e| e.error.clone());
    let description = entry.and_then(|e| e.description.clone());
    params.push(("error", error.as_str()));
    if let Some(d) = description.as_deref() {
        params.push(("error_description", d));
    }
    if let Some(s) = form.get("state") {
        params.push(("state", s));
    }
    redirect(
        redirect_uri,
        &params,
        note(Some("authorize"), &rule.name(), detail),
    )
}

fn redirect(to: &str, params: &[(&str, &str)], note: Note) -> Response {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    let sep = if to.contains('?') { '&' } else { '?' };
    let location = format!("{to}{sep}{}", query.join("&"));
    let mut r = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    with_note(r, note)
}

pub fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
