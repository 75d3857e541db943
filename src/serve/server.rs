//! Starting and stopping the server: bind, serve on a dedicated runtime thread, and hand back
//! the bound address with a way to shut down.

use super::http::{Peer, router};
use super::{Clock, Ctx, LogSink, org::Org};
use crate::model::Knowledge;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tower_service::Service;

/// A client that has not sent its request headers by then is dropped.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// In-flight requests get this long to finish when the server stops.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub log: LogSink,
    pub clock: Clock,
    /// Stop on Ctrl-C (the CLI); embedding callers stop through [`Handle::shutdown`].
    pub stop_on_ctrl_c: bool,
}

impl ServeOptions {
    pub fn new(listen: SocketAddr) -> Self {
        ServeOptions {
            listen,
            log: LogSink::Stderr,
            clock: Clock::default(),
            stop_on_ctrl_c: false,
        }
    }
}

/// A running server. Dropping it shuts the server down.
pub struct Handle {
    pub addr: SocketAddr,
    pub base_url: String,
    pub clock: Clock,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Handle {
    /// Stops accepting, lets in-flight requests finish briefly, and waits for the thread.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    /// Blocks until the server stops on its own (Ctrl-C with `stop_on_ctrl_c`).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    fn stop_and_join(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Binds `opts.listen` (port 0 picks a free port) and serves `org` until shut down.
pub fn spawn(org: Org, k: Arc<Knowledge>, opts: ServeOptions) -> Result<Handle, String> {
    let listener = std::net::TcpListener::bind(opts.listen)
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    let base_url = format!("http://{addr}");
    let ctx = Arc::new(Ctx {
        org,
        k,
        store: super::store::Store::new(opts.clock.clone()),
        base_url: base_url.clone(),
        signing_key: super::id_token::signing_key()?,
        log: opts.log.clone(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("sfauth-serve")
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    let (stop, stopped) = watch::channel(false);
    let ctrl_c = opts.stop_on_ctrl_c;
    let thread = std::thread::Builder::new()
        .name("sfauth-serve".to_string())
        .spawn(move || {
            runtime.block_on(async move {
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => accept_loop(l, ctx, stopped, ctrl_c).await,
                    Err(e) => eprintln!("sfauth serve: {e}"),
                }
            });
            runtime.shutdown_timeout(DRAIN_TIMEOUT);
        })
        .map_err(|e| format!("cannot start the server thread: {e}"))?;
    Ok(Handle {
        addr,
        base_url,
        clock: opts.clock,
        stop,
        thread: Some(thread),
    })
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    ctx: Arc<Ctx>,
    mut stopped: watch::Receiver<bool>,
    ctrl_c: bool,
) {
    let app = router(ctx);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let interrupted = async {
        if ctrl_c {
            let _ = tokio::signal::ctrl_c().await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::pin!(interrupted);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stopped.changed() => break,
            _ = &mut interrupted => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(Peer(peer));
            let mut app = app.clone();
            async move { app.call(req.map(axum::body::Body::new)).await }
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await;
}
