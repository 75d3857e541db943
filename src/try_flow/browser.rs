//! The person's part of the interactive flows: the system browser for a real org, or, on
//! sfauth's local org, sfauth itself playing the browser as a demo user (its login and
//! approval pages are plain HTML forms), so a live run needs no one at the keyboard.

use super::callback::query_param;
use super::http::{Client, NetError};
use std::time::Duration;

/// A demo user of the local org, who logs in and allows when sfauth plays the browser.
#[derive(Clone)]
pub struct DemoUser {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for DemoUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DemoUser({})", self.username)
    }
}

/// Opens `url` in the system's browser.
pub fn open_system_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

fn net(e: NetError) -> String {
    e.to_string()
}

/// Opens the authorize page, posts its login form as `user` (allowing access), and follows
/// the redirect to the callback. The page and the form go through `client` (recorded, secrets
/// redacted); the callback is fetched apart, since the flow records it as it receives it.
pub fn play_login(client: &mut Client, authorize_url: &str, user: &DemoUser) -> Result<(), String> {
    let page = client.get(authorize_url).map_err(net)?;
    if page.status != 200 {
        return Err(format!(
            "the authorize page answered HTTP {} instead of the login form",
            page.status
        ));
    }
    let (base, query) = authorize_url
        .split_once('?')
        .ok_or("the authorize URL has no query")?;
    let mut fields: Vec<(String, String)> = query
        .split('&')
        .filter_map(|pair| {
            let name = pair.split_once('=').map_or(pair, |(k, _)| k);
            Some((name.to_string(), query_param(query, name)?))
        })
        .collect();
    fields.push(("username".into(), user.username.clone()));
    fields.push(("password".into(), user.password.clone()));
    fields.push(("action".into(), "allow".into()));
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = client.post_form(base, &form, None).map_err(net)?;
    let Some(location) = answer.location.filter(|_| answer.status / 100 == 3) else {
        return Err(format!(
            "the login form answered HTTP {} without a redirect",
            answer.status
        ));
    };
    let mut callback = Client::for_url(&location, Duration::from_secs(30));
    callback.get(&location).map_err(net)?;
    Ok(())
}

/// Enters `user_code` on the local org's verification page as `user`, allowing access.
pub fn approve_device(
    client: &mut Client,
    verification_uri: &str,
    user_code: &str,
    user: &DemoUser,
) -> Result<(), String> {
    let form = [
        ("user_code", user_code),
        ("username", user.username.as_str()),
        ("password", user.password.as_str()),
        ("action", "allow"),
    ];
    let answer = client
        .post_form(verification_uri, &form, None)
        .map_err(net)?;
    if answer.status != 200 {
        return Err(format!(
            "the verification page answered HTTP {}",
            answer.status
        ));
    }
    Ok(())
}
