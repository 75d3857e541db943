//! Salesforce's device flow: `response_type=device_code` starts it, `grant_type=device` polls
//! (authorization_pending until the user approves on the verification page, slow_down when
//! polled faster than the interval).

use super::{Request, check_user, client, require_flow, scopes};
use crate::serve::http::reply::Refused;
use crate::serve::issue::{Refresh, random_text, token_response};
use crate::serve::org::FlowId;
use crate::serve::refusals::Rule;
use crate::serve::store::{DeviceRecord, DeviceState, Grant};
use serde_json::{Value, json};

pub const INTERVAL_SECS: i64 = 5;
/// Salesforce CLI asked users to approve within 10 minutes.
pub const DEVICE_TTL_MS: i64 = 10 * 60 * 1000;
pub const VERIFICATION_PATH: &str = "/setup/connect";

pub fn start(req: &Request<'_>) -> Result<Value, Refused> {
    let (app_index, app) = client(req, req.ctx, false)?;
    require_flow(app, FlowId::Device, Rule::FlowNotEnabled)?;
    let scopes = scopes(app, req.form.get("scope"))?;
    let device_code = format!("M0{}", random_text(24));
    let user_code = user_code();
    req.ctx.store.add_device(
        device_code.clone(),
        DeviceRecord {
            app: app_index,
            scopes,
            user_code: user_code.clone(),
            issued_at_ms: req.ctx.store.clock.now_ms(),
            last_poll_ms: None,
            state: DeviceState::Pending,
        },
    );
    Ok(json!({
        "device_code": device_code,
        "user_code": user_code,
        "verification_uri": format!("{}{VERIFICATION_PATH}", req.ctx.base_url),
        "interval": INTERVAL_SECS,
    }))
}

/// Eight letters without vowels, so no word is spelled by accident.
fn user_code() -> String {
    const LETTERS: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
    random_text(8)
        .bytes()
        .map(|b| LETTERS[usize::from(b) % LETTERS.len()] as char)
        .collect()
}

pub fn poll(req: &Request<'_>) -> Result<Value, Refused> {
    let (app_index, app) = client(req, req.ctx, false)?;
    require_flow(app, FlowId::Device, Rule::FlowNotEnabled)?;
    let code = req.form.require("code")?;
    let now = req.ctx.store.clock.now_ms();
    let record = req
        .ctx
        .store
        .poll_device(code)
        .filter(|r| r.app == app_index)
        .ok_or_else(|| {
            Refused::rule(
                Rule::DeviceCodeInvalid,
                "the device code is unknown, used, or another app's".to_string(),
            )
        })?;
    if now - record.issued_at_ms > DEVICE_TTL_MS {
        return Err(Refused::rule(
            Rule::DeviceCodeInvalid,
            "the device code is older than 10 minutes".to_string(),
        ));
    }
    match record.state {
        DeviceState::Pending => {
            let too_soon = record
                .last_poll_ms
                .is_some_and(|last| now - last < INTERVAL_SECS * 1000);
            Err(if too_soon {
                Refused::rule(
                    Rule::DeviceSlowDown,
                    format!("polled again within the {INTERVAL_SECS}s interval"),
                )
            } else {
                Refused::rule(
                    Rule::DevicePending,
                    "the user has not approved the code yet".to_string(),
                )
            })
        }
        DeviceState::Denied => Err(Refused::rule(
            Rule::AccessDenied,
            "the user denied the device".to_string(),
        )),
        DeviceState::Approved(user) => {
            check_user(req, app, user)?;
            let grant = Grant {
                app: app_index,
                user,
                scopes: record.scopes,
            };
            Ok(token_response(req.ctx, &grant, Refresh::IfScoped, true))
        }
    }
}
