//! `sfauth mint jwt-bearer`: sign an assertion (and optionally print the curl to use it).

use super::args::JwtSignerArgs;
use super::output::print_json;
use super::source::read_file;
use super::{CliResult, Fail};
use crate::inspect::keys::MAX_KEY_BYTES;
use crate::inspect::time::parse_instant;
use crate::mint::{DEFAULT_LOGIN_URL, DEFAULT_TTL_SECS, MintRequest, curl_command, jwt_bearer};
use clap::{Args, Subcommand};
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum MintCommand {
    /// Sign an RS256 JWT bearer assertion for Salesforce's token endpoint.
    JwtBearer(MintJwtBearerArgs),
}

#[derive(Debug, Args)]
pub struct MintJwtBearerArgs {
    #[command(flatten)]
    pub signer: JwtSignerArgs,

    /// Audience and token host: login, test, My Domain or Experience Cloud site URL.
    #[arg(long, value_name = "URL", default_value = DEFAULT_LOGIN_URL)]
    pub login_url: String,

    /// Lifetime in seconds (Salesforce documents a 3-minute limit).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TTL_SECS)]
    pub ttl: u64,

    /// Count exp from this instant (RFC 3339 or unix seconds) instead of now; makes the
    /// output reproducible.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Print a ready-to-run curl token request instead of the bare assertion.
    #[arg(long)]
    pub curl: bool,

    #[arg(long)]
    pub json: bool,
}

pub fn run(command: &MintCommand) -> CliResult {
    match command {
        MintCommand::JwtBearer(args) => jwt_bearer_cmd(args),
    }
}

fn jwt_bearer_cmd(args: &MintJwtBearerArgs) -> CliResult {
    let at = match &args.at {
        Some(text) => parse_instant(text).map_err(|e| Fail::usage(format!("--at: {e}")))?,
        None => chrono::Utc::now(),
    };
    let pem = read_file(&args.signer.key, MAX_KEY_BYTES)?;
    let request = MintRequest {
        client_id: args.signer.client_id.clone(),
        username: args.signer.username.clone(),
        login_url: args.login_url.clone(),
        ttl_secs: args.ttl,
        at,
    };
    let minted =
        jwt_bearer(&request, &pem, &args.signer.key.display().to_string()).map_err(Fail::usage)?;
    for w in &minted.warnings {
        eprintln!("sfauth: warning: {w}");
    }
    if args.json {
        print_json(&json!({
            "assertion": minted.assertion,
            "claims": minted.claims,
            "token_url": minted.token_url,
            "curl": curl_command(&minted),
            "warnings": minted.warnings,
        }));
    } else if args.curl {
        println!("{}", curl_command(&minted));
    } else {
        println!("{}", minted.assertion);
    }
    Ok(0)
}
