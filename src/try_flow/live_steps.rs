//! Where a live exchange lands on a model flow's diagram. The model's steps carry example
//! URLs (`https://MyDomainName.my.salesforce.com/...`), so an exchange is matched by what it
//! does, in order, never going back:
//!
//! 1. the next request step with the same method and path (`POST /services/oauth2/token`);
//! 2. for a path that is no OAuth endpoint (the callback, userinfo), the next request step with
//!    the same method whose path is no OAuth endpoint either (the callback, the API call);
//! 3. the next user-action step (a login or approval form posted by the person);
//! 4. the step of the previous exchange (a page and then its form; a second poll).
//!
//! Its response lands on the first response or redirect step after the request, coming back
//! from the request's receiver, before the next request.

use super::{AUTHORIZE_PATH, TOKEN_PATH};
use crate::model::{Flow, StepKind};

/// What the mapping needs of a model step.
#[derive(Debug, Clone)]
struct Shape {
    kind: StepKind,
    from: String,
    to: String,
    method: Option<String>,
    path: Option<String>,
}

/// Where one exchange or prompt landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landing {
    /// The step that sent the request (or asked the person).
    pub step: usize,
    /// The step that shows its response, when the flow draws one.
    pub response: Option<usize>,
    /// Steps passed over on the way (and between the request and its response), with no
    /// exchange of their own.
    pub passed: Vec<usize>,
}

/// The mapping's position in one flow; empty for a run with no diagram.
#[derive(Debug, Clone, Default)]
pub struct StepMap {
    shapes: Vec<Shape>,
    /// The first step not yet reached.
    next: usize,
    /// The step of the last exchange.
    last: Option<usize>,
}

/// The path of a URL or of a bare path: no scheme, host, query or fragment.
pub fn path_of(url: &str) -> &str {
    let rest = url
        .split_once("://")
        .map_or(url, |(_, r)| r.find('/').map_or("/", |i| &r[i..]));
    rest.split(['?', '#']).next().unwrap_or(rest)
}

fn is_oauth_endpoint(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path == TOKEN_PATH || path == AUTHORIZE_PATH
}

impl StepMap {
    pub fn new(flow: &Flow) -> Self {
        let shapes = flow
            .steps
            .iter()
            .map(|s| Shape {
                kind: s.kind,
                from: s.from.clone(),
                to: s.to.clone(),
                method: s.http.as_ref().and_then(|h| h.method.clone()),
                path: s
                    .http
                    .as_ref()
                    .and_then(|h| h.url.as_deref())
                    .map(|u| path_of(u).to_string()),
            })
            .collect();
        StepMap {
            shapes,
            next: 0,
            last: None,
        }
    }

    /// The step the run works towards now: the first not yet reached.
    pub fn upcoming(&self) -> Option<usize> {
        (self.next < self.shapes.len()).then_some(self.next)
    }

    /// Every step after the last one reached, for a run that ended.
    pub fn unreached(&self) -> std::ops::Range<usize> {
        self.next.min(self.shapes.len())..self.shapes.len()
    }

    fn find(&self, wanted: impl Fn(&Shape) -> bool) -> Option<usize> {
        (self.next..self.shapes.len()).find(|&i| wanted(&self.shapes[i]))
    }

    /// Where an exchange with this method and URL lands.
    pub fn exchange(&mut self, method: &str, url: &str) -> Option<Landing> {
        let path = path_of(url);
        let is_request = |s: &Shape| s.kind == StepKind::Request;
        let same_method = |s: &Shape| {
            s.method
                .as_deref()
                .is_some_and(|m| m.eq_ignore_ascii_case(method))
        };
        let step = self
            .find(|s| is_request(s) && same_method(s) && s.path.as_deref() == Some(path))
            .or_else(|| {
                (!is_oauth_endpoint(path)).then(|| {
                    self.find(|s| {
                        is_request(s)
                            && same_method(s)
                            && s.path.as_deref().is_some_and(|p| !is_oauth_endpoint(p))
                    })
                })?
            })
            .or_else(|| self.find(|s| s.kind == StepKind::UserAction));
        let Some(step) = step else {
            return self.last.map(|step| Landing {
                step,
                response: None,
                passed: Vec::new(),
            });
        };
        let response = self.response_to(step);
        Some(self.land(step, response))
    }

    /// Where a prompt to the person lands: the next redirect (sending the browser) or
    /// user-action step.
    pub fn prompt(&mut self) -> Option<Landing> {
        let step = self.find(|s| matches!(s.kind, StepKind::Redirect | StepKind::UserAction))?;
        Some(self.land(step, None))
    }

    fn response_to(&self, step: usize) -> Option<usize> {
        let receiver = &self.shapes[step].to;
        for i in step + 1..self.shapes.len() {
            let s = &self.shapes[i];
            match s.kind {
                StepKind::Response | StepKind::Redirect if s.from == *receiver => return Some(i),
                StepKind::Request | StepKind::UserAction => return None,
                _ => {}
            }
        }
        None
    }

    fn land(&mut self, step: usize, response: Option<usize>) -> Landing {
        // Before the step, and between its request and its response (the org's own checks).
        let between = response.map_or(0..0, |r| step + 1..r);
        let passed = (self.next..step).chain(between).collect();
        self.next = response.unwrap_or(step) + 1;
        self.last = Some(response.unwrap_or(step));
        Landing {
            step,
            response,
            passed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Knowledge;

    fn map(id: &str) -> StepMap {
        let k = Knowledge::builtin().unwrap_or_default();
        StepMap::new(k.flow(id).unwrap_or_else(|| panic!("no flow {id}")))
    }

    fn at(step: usize, response: Option<usize>, passed: &[usize]) -> Option<Landing> {
        Some(Landing {
            step,
            response,
            passed: passed.to_vec(),
        })
    }

    const TOKEN: &str = "http://127.0.0.1:9/services/oauth2/token";
    const USERINFO: &str = "http://127.0.0.1:9/services/oauth2/userinfo";

    #[test]
    fn paths() {
        assert_eq!(
            path_of("https://h.example/services/oauth2/token?x=1"),
            TOKEN_PATH
        );
        assert_eq!(path_of("http://localhost:1717"), "/");
        assert_eq!(path_of("/a/b#c"), "/a/b");
    }

    #[test]
    fn jwt_bearer_token_then_identity() {
        let mut m = map("jwt-bearer");
        assert_eq!(m.upcoming(), Some(0));
        assert_eq!(m.exchange("POST", TOKEN), at(2, Some(5), &[0, 1, 3, 4]));
        assert_eq!(m.exchange("GET", USERINFO), at(6, None, &[]));
        assert!(m.unreached().is_empty());
    }

    #[test]
    fn client_credentials_and_refresh() {
        let mut m = map("client-credentials");
        assert_eq!(m.exchange("POST", TOKEN), at(0, Some(2), &[1]));
        assert_eq!(m.exchange("GET", USERINFO), at(3, Some(4), &[]));
        assert!(m.unreached().is_empty());
        let mut m = map("refresh-token");
        assert_eq!(m.exchange("POST", TOKEN), at(2, Some(4), &[0, 1, 3]));
        assert_eq!(m.exchange("GET", USERINFO), at(6, None, &[5]));
    }

    #[test]
    fn web_server_with_the_browser_played() {
        let mut m = map("web-server");
        assert_eq!(m.prompt(), at(1, None, &[0]));
        let authorize = "http://127.0.0.1:9/services/oauth2/authorize?client_id=x";
        assert_eq!(m.exchange("GET", authorize), at(2, None, &[]));
        assert_eq!(m.exchange("POST", authorize), at(3, Some(4), &[]));
        let callback = "http://localhost:4000/OAuthRedirect?code=c&state=s";
        assert_eq!(m.exchange("GET", callback), at(5, None, &[]));
        assert_eq!(m.exchange("POST", TOKEN), at(6, Some(7), &[]));
        assert_eq!(m.exchange("GET", USERINFO), at(8, None, &[]));
    }

    #[test]
    fn device_approved_before_the_first_poll() {
        let mut m = map("device");
        assert_eq!(m.exchange("POST", TOKEN), at(0, Some(1), &[]));
        assert_eq!(m.prompt(), at(2, None, &[]));
        let verify = "http://127.0.0.1:9/setup/connect";
        assert_eq!(m.exchange("POST", verify), at(5, None, &[3, 4]));
        assert_eq!(m.exchange("POST", TOKEN), at(7, Some(8), &[6]));
        assert_eq!(m.exchange("GET", USERINFO), at(9, None, &[]));
    }

    #[test]
    fn an_extra_exchange_stays_on_the_last_step() {
        let mut m = map("device");
        assert_eq!(m.exchange("POST", TOKEN), at(0, Some(1), &[]));
        assert_eq!(m.exchange("POST", TOKEN), at(3, Some(4), &[2]));
        assert_eq!(m.exchange("POST", TOKEN), at(7, Some(8), &[5, 6]));
        assert_eq!(m.exchange("POST", TOKEN), at(8, None, &[]));
        assert!(StepMap::default().exchange("GET", TOKEN).is_none());
    }
}
