//! `sfauth serve`: run a local Salesforce-like org, or write one to edit (`--init`).

use super::{CliResult, Fail};
use crate::model::Knowledge;
use crate::serve::org::{self, Org, demo};
use crate::serve::{DEFAULT_LISTEN, ServeOptions, spawn};
use clap::Args;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one. Anything but loopback is
    /// warned about.
    #[arg(long, value_name = "ADDR:PORT", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,

    /// Serve this org file instead of the demo org.
    #[arg(long, value_name = "DIR/org.json", conflicts_with = "init")]
    pub org: Option<PathBuf>,

    /// Write the demo org (org.json, demo-app.key, demo-app.crt) into DIR to edit, and exit.
    #[arg(long, value_name = "DIR")]
    pub init: Option<PathBuf>,
}

pub fn run(k: Knowledge, args: &ServeArgs) -> CliResult {
    if let Some(dir) = &args.init {
        return init(dir);
    }
    let (org, key_dir) = match &args.org {
        Some(path) => (
            org::load_file(path).map_err(|e| Fail::usage(e.to_string()))?,
            path.parent().map(Path::to_path_buf),
        ),
        None => {
            let dir = demo::write_key_pair_to_temp().map_err(Fail::usage)?;
            (
                demo::org().map_err(|e| Fail::usage(e.to_string()))?,
                Some(dir),
            )
        }
    };
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "sfauth serve: warning: listening on {}, reachable from other machines; this \
             practice org's credentials are public",
            args.listen.ip()
        );
    }
    let commands = practice_commands(&org, key_dir.as_deref(), args.org.is_none());
    let mut opts = ServeOptions::new(args.listen);
    opts.stop_on_ctrl_c = true;
    let handle = spawn(org, Arc::new(k), opts).map_err(Fail::usage)?;
    let mut out = std::io::stdout().lock();
    // Scripts read the first line to find the port, so it goes out on its own, flushed.
    let _ = writeln!(out, "listening on {}", handle.base_url);
    let _ = out.flush();
    let _ = write!(out, "{}", commands.replace("{URL}", &handle.base_url));
    let _ = out.flush();
    drop(out);
    handle.wait();
    eprintln!("sfauth serve: stopped");
    Ok(0)
}

fn init(dir: &Path) -> CliResult {
    let written = demo::write_init(dir).map_err(Fail::usage)?;
    for file in &written {
        println!("wrote {file}");
    }
    let org_file = dir.join(demo::ORG_FILE);
    println!(
        "edit {} (the _comment fields describe each setting), then run:\n  sfauth serve --org {}",
        org_file.display(),
        org_file.display()
    );
    Ok(0)
}

/// Ready-to-run commands for each flow, with `{URL}` standing for the bound base URL.
fn practice_commands(org: &Org, key_dir: Option<&Path>, is_demo: bool) -> String {
    let mut text = String::new();
    let Some(app) = org.apps.first() else {
        return "\nthis org has no apps; add one to practise flows\n".to_string();
    };
    let id = &app.spec.consumer_key;
    let user = app
        .spec
        .client_credentials_user
        .clone()
        .or_else(|| org.users.first().map(|u| u.spec.username.clone()))
        .unwrap_or_default();
    let key = key_dir
        .map(|d| d.join(demo::KEY_FILE).display().to_string())
        .unwrap_or_else(|| demo::KEY_FILE.to_string());
    let secret = if is_demo {
        app.spec.consumer_secret.clone()
    } else {
        "<consumer secret from the org file>".to_string()
    };
    text.push_str(&format!(
        "\norg {} ({}), app {:?}, user {user}\n",
        org.my_domain, org.source, app.spec.name
    ));
    if is_demo {
        text.push_str(&format!(
            "demo key pair (public practice credential): {key} and {}\n",
            key.replace(demo::KEY_FILE, demo::CERT_FILE)
        ));
    }
    text.push_str(&format!(
        "\nclient credentials:\n  curl -sS {{URL}}/services/oauth2/token -d grant_type=client_credentials \
         -d client_id={id} -d client_secret={secret}\n  sfauth try client-credentials --client-id {id} \
         --client-secret {secret} --login-url {{URL}}\n"
    ));
    text.push_str(&format!(
        "\nJWT bearer:\n  curl -sS {{URL}}/services/oauth2/token -d \
         grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer -d assertion=$(sfauth mint \
         jwt-bearer --client-id {id} --username {user} --key {key} --login-url {{URL}})\n  sfauth \
         try jwt-bearer --client-id {id} --username {user} --key {key} --login-url {{URL}}\n"
    ));
    if let Some(callback) = app.spec.callback_urls.first() {
        text.push_str(&format!(
            "\nweb server (open in a browser, log in, copy code from the redirect):\n  \
             {{URL}}/services/oauth2/authorize?response_type=code&client_id={id}&redirect_uri={callback}&state=practice\n  \
             curl -sS {{URL}}/services/oauth2/token -d grant_type=authorization_code -d code=CODE \
             -d client_id={id} -d client_secret={secret} -d redirect_uri={callback}\n  sfauth try \
             web-server --client-id {id} --login-url {{URL}}\n"
        ));
    }
    text.push_str(&format!(
        "\ndevice:\n  curl -sS {{URL}}/services/oauth2/token -d response_type=device_code -d client_id={id}\n  \
         then open {{URL}}/setup/connect, enter the user_code, and poll:\n  curl -sS \
         {{URL}}/services/oauth2/token -d grant_type=device -d client_id={id} -d code=DEVICE_CODE\n  \
         sfauth try device --client-id {id} --login-url {{URL}}\n"
    ));
    text.push_str(&format!(
        "\nrefresh (after web server or device with the refresh_token scope):\n  curl -sS \
         {{URL}}/services/oauth2/token -d grant_type=refresh_token -d client_id={id} -d \
         client_secret={secret} -d refresh_token=@file\n  sfauth try refresh --client-id {id} \
         --refresh-token @file --login-url {{URL}}\n"
    ));
    text.push_str(
        "\nREST with a token:\n  curl -sS -H \"Authorization: Bearer TOKEN\" \
         '{URL}/services/data/v66.0/query?q=SELECT+Id,Name+FROM+Account'\n\nCtrl-C stops the server.\n",
    );
    text
}
