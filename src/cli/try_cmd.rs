//! `sfauth try FLOW`: run a flow against an org and explain the answer.

use super::args::JwtSignerArgs;
use super::output::{Paint, print_json, text_width};
use super::source::{read_arg, read_file};
use super::try_render::{render, to_json};
use super::{CliResult, Fail};
use crate::inspect::KeyMaterial;
use crate::inspect::keys::MAX_KEY_BYTES;
use crate::inspect::time::parse_instant;
use crate::mint::{DEFAULT_LOGIN_URL, DEFAULT_TTL_SECS};
use crate::model::Knowledge;
use crate::try_flow::http::Client;
use crate::try_flow::jwt_bearer::JwtBearerRequest;
use crate::try_flow::secret_flows::{ClientCredentialsRequest, RefreshRequest};
use crate::try_flow::web_server::{DEFAULT_CALLBACK, WebServerRequest};
use crate::try_flow::{
    Attempt, Outcome, Prompt, TryError, device, jwt_bearer, login_url, save, secret_flows,
    web_server,
};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

/// A secret or token file larger than this is the wrong file.
const MAX_SECRET_BYTES: usize = 64 * 1024;

#[derive(Debug, Subcommand)]
pub enum TryCommand {
    /// Mint a JWT bearer assertion, inspect it, post it and explain the answer.
    JwtBearer(TryJwtBearerArgs),
    /// Post the consumer key and secret to the My Domain token endpoint.
    ClientCredentials(TryClientCredentialsArgs),
    /// Log in in a browser (PKCE S256 and state), receive the redirect, exchange the code.
    WebServer(TryWebServerArgs),
    /// Show a user code to approve elsewhere and poll until it is approved.
    Device(TryDeviceArgs),
    /// Exchange a refresh token for a new access token.
    Refresh(TryRefreshArgs),
}

#[derive(Debug, Clone, Args)]
pub struct TryOutput {
    #[arg(long)]
    pub json: bool,
    /// Print every HTTP exchange (secrets redacted) on stderr as it happens.
    #[arg(long)]
    pub verbose: bool,
    /// Print the access and refresh tokens in full instead of redacted.
    #[arg(long)]
    pub show_token: bool,
    /// Write the token response to FILE (mode 0600); nothing is written otherwise.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Give up on an HTTP request after SECS seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct TryJwtBearerArgs {
    #[command(flatten)]
    pub signer: JwtSignerArgs,
    /// Where to post: login, test, My Domain, or a local org (`sfauth serve`).
    #[arg(long, value_name = "URL", default_value = DEFAULT_LOGIN_URL)]
    pub login_url: String,
    /// The aud claim, when it is not the login URL (e.g. login.salesforce.com while posting
    /// to a My Domain).
    #[arg(long, value_name = "URL")]
    pub audience: Option<String>,
    /// The certificate uploaded to the app: checks the signature before sending.
    #[arg(long, value_name = "CERT.pem")]
    pub cert: Option<PathBuf>,
    /// Assertion lifetime in seconds (Salesforce documents 3 minutes at most).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TTL_SECS)]
    pub ttl: u64,
    /// Count exp from this instant (RFC 3339 or unix seconds) instead of now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub output: TryOutput,
}

#[derive(Debug, Args)]
pub struct TryClientCredentialsArgs {
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// The consumer secret, @FILE, or - for stdin.
    #[arg(long, value_name = "VALUE|@FILE|-")]
    pub client_secret: String,
    /// The org's My Domain login URL (login/test.salesforce.com do not serve this flow).
    #[arg(long, value_name = "MYDOMAIN")]
    pub login_url: String,
    #[command(flatten)]
    pub output: TryOutput,
}

#[derive(Debug, Args)]
pub struct TryWebServerArgs {
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// The consumer secret (when the app requires it), @FILE, or - for stdin.
    #[arg(long, value_name = "VALUE|@FILE|-")]
    pub client_secret: Option<String>,
    #[arg(long, value_name = "URL")]
    pub login_url: String,
    /// The redirect URI: a loopback URL sfauth listens on, listed in the app's Callback URLs.
    #[arg(long, value_name = "URL", default_value = DEFAULT_CALLBACK)]
    pub callback: String,
    /// Space-separated scopes to ask for (default: the app's).
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Print the authorize URL instead of opening the system browser.
    #[arg(long)]
    pub no_browser: bool,
    /// How long to wait for the login and approval, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub wait: u64,
    #[command(flatten)]
    pub output: TryOutput,
}

#[derive(Debug, Args)]
pub struct TryDeviceArgs {
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    #[arg(long, value_name = "URL")]
    pub login_url: String,
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// How long to poll for the approval, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 600)]
    pub wait: u64,
    #[command(flatten)]
    pub output: TryOutput,
}

#[derive(Debug, Args)]
pub struct TryRefreshArgs {
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    #[arg(long, value_name = "VALUE|@FILE|-")]
    pub client_secret: Option<String>,
    /// The refresh token as @FILE or - for stdin (kept off the command line and history).
    #[arg(long, value_name = "@FILE|-")]
    pub refresh_token: String,
    #[arg(long, value_name = "URL")]
    pub login_url: String,
    #[command(flatten)]
    pub output: TryOutput,
}

pub fn run(k: &Knowledge, command: &TryCommand) -> CliResult {
    let (output, base) = match command {
        TryCommand::JwtBearer(a) => (&a.output, &a.login_url),
        TryCommand::ClientCredentials(a) => (&a.output, &a.login_url),
        TryCommand::WebServer(a) => (&a.output, &a.login_url),
        TryCommand::Device(a) => (&a.output, &a.login_url),
        TryCommand::Refresh(a) => (&a.output, &a.login_url),
    };
    let base = login_url(base).map_err(to_fail)?;
    let mut client = Client::for_url(&base, Duration::from_secs(output.timeout));
    if output.verbose {
        client.observe(|exchange| eprintln!("{}", exchange.transcript()));
    }
    let attempt = match command {
        TryCommand::JwtBearer(a) => jwt(k, &mut client, a),
        TryCommand::ClientCredentials(a) => {
            let secret = read_secret(&a.client_secret, "--client-secret")?;
            let req = ClientCredentialsRequest {
                client_id: &a.client_id,
                client_secret: &secret,
                login_url: &a.login_url,
            };
            secret_flows::client_credentials(&mut client, &req)
        }
        TryCommand::WebServer(a) => web(&mut client, a),
        TryCommand::Device(a) => {
            let req = device::DeviceRequest {
                client_id: &a.client_id,
                login_url: &a.login_url,
                scope: a.scope.as_deref(),
                wait: Duration::from_secs(a.wait),
            };
            device::run(&mut client, &req, &mut |p| show_prompt(&p, false))
        }
        TryCommand::Refresh(a) => {
            if !(a.refresh_token.starts_with('@') || a.refresh_token == "-") {
                return Err(Fail::usage(
                    "--refresh-token takes @FILE or - (stdin), so the token stays out of the \
                     shell history",
                ));
            }
            let token = read_secret(&a.refresh_token, "--refresh-token")?;
            let secret = a
                .client_secret
                .as_deref()
                .map(|s| read_secret(s, "--client-secret"))
                .transpose()?;
            let req = RefreshRequest {
                client_id: &a.client_id,
                client_secret: secret.as_deref(),
                refresh_token: &token,
                login_url: &a.login_url,
            };
            secret_flows::refresh(&mut client, &req)
        }
    }
    .map_err(to_fail)?;
    finish(k, &attempt, output)
}

fn jwt(k: &Knowledge, client: &mut Client, a: &TryJwtBearerArgs) -> Result<Attempt, TryError> {
    let now = chrono::Utc::now();
    let minted_at = match &a.at {
        Some(text) => parse_instant(text).map_err(|e| TryError::Usage(format!("--at: {e}")))?,
        None => now,
    };
    let key_pem =
        read_file(&a.signer.key, MAX_KEY_BYTES).map_err(|f| TryError::Usage(f.message))?;
    let cert = match &a.cert {
        Some(path) => {
            let bytes = read_file(path, MAX_KEY_BYTES).map_err(|f| TryError::Usage(f.message))?;
            Some(KeyMaterial::parse(&bytes, &path.display().to_string()).map_err(TryError::Usage)?)
        }
        None => None,
    };
    let key_name = a.signer.key.display().to_string();
    let req = JwtBearerRequest {
        client_id: &a.signer.client_id,
        username: &a.signer.username,
        key_pem: &key_pem,
        key_name: &key_name,
        login_url: &a.login_url,
        audience: a.audience.as_deref(),
        cert: cert.as_ref(),
        ttl_secs: a.ttl,
        minted_at,
        sent_at: now,
    };
    jwt_bearer::run(k, client, &req)
}

fn web(client: &mut Client, a: &TryWebServerArgs) -> Result<Attempt, TryError> {
    let secret = a
        .client_secret
        .as_deref()
        .map(|s| read_secret(s, "--client-secret").map_err(|f| TryError::Usage(f.message)))
        .transpose()?;
    let req = WebServerRequest {
        client_id: &a.client_id,
        client_secret: secret.as_deref(),
        login_url: &a.login_url,
        callback: &a.callback,
        scope: a.scope.as_deref(),
        wait: Duration::from_secs(a.wait),
    };
    let no_browser = a.no_browser;
    web_server::run(client, &req, &mut |p| show_prompt(&p, !no_browser))
}

/// What the person must do, on stderr so `--json` output stays clean.
fn show_prompt(prompt: &Prompt, open_browser: bool) {
    match prompt {
        Prompt::Browser { url } => {
            if open_browser && let Err(e) = crate::try_flow::browser::open_system_browser(url) {
                eprintln!("sfauth: could not open a browser ({e}); open the URL yourself");
            }
            eprintln!("Log in and approve at:\n{url}");
        }
        Prompt::DeviceCode {
            user_code,
            verification_uri,
        } => eprintln!("Enter the code {user_code} at {verification_uri}"),
    }
}

/// A secret given as a value, @FILE or -, without the line break a file usually ends with.
fn read_secret(arg: &str, flag: &str) -> Result<String, Fail> {
    let bytes = read_arg(arg, MAX_SECRET_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Fail::usage(format!("{flag} is not text (invalid UTF-8)")))?;
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(Fail::usage(format!("{flag} is empty")));
    }
    Ok(text.to_string())
}

fn to_fail(e: TryError) -> Fail {
    match e {
        TryError::Usage(m) => Fail::usage(m),
        TryError::Net(n) => Fail::usage(format!("cannot reach {}: {}", n.host, n.cause)),
        TryError::Rejected(m) => Fail::problems(m),
    }
}

fn finish(k: &Knowledge, attempt: &Attempt, output: &TryOutput) -> CliResult {
    let saved = match (&attempt.outcome, &output.save) {
        (Outcome::Granted(g), Some(path)) => {
            save::save_token(path, &g.token.raw).map_err(Fail::usage)?;
            Some(path.as_path())
        }
        _ => None,
    };
    if output.json {
        print_json(&to_json(k, attempt, output.show_token, saved));
    } else {
        let text = render(
            k,
            attempt,
            output.show_token,
            saved,
            &Paint::detect(),
            text_width(),
        );
        print!("{text}");
    }
    Ok(match attempt.outcome {
        Outcome::Granted(_) => 0,
        Outcome::Refused(_) => 1,
    })
}
