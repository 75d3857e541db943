//! The org a local server plays: users, apps and SAML identity providers, read from an org file
//! or the fixed demo org. Pure data and lookups; the HTTP layer lives in `serve::http`.

pub mod demo;
mod load;
mod spec;
mod validate;

pub use load::{OrgError, load_file, load_str};
pub use spec::*;
pub use validate::KNOWN_SCOPES;

use crate::inspect::KeyMaterial;
use std::net::Ipv4Addr;

/// Salesforce-shaped ids: the org is `00D…`, users are `005…`.
pub const ORG_ID: &str = "00DSF0000000AUTHEAA";

#[derive(Debug, Clone)]
pub struct Org {
    pub my_domain: String,
    pub org_id: String,
    pub users: Vec<User>,
    pub apps: Vec<App>,
    pub idps: Vec<Idp>,
    /// Where the org came from, for messages (`org.json`, or `demo org`).
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub spec: UserSpec,
    pub ip_ranges: Vec<Ipv4Range>,
}

#[derive(Debug, Clone)]
pub struct App {
    pub spec: AppSpec,
    /// The certificate the bearer grants verify with, parsed once at load.
    pub certificate: Option<Certificate>,
}

#[derive(Debug, Clone)]
pub struct Certificate {
    pub bytes: Vec<u8>,
    pub material: KeyMaterial,
}

#[derive(Debug, Clone)]
pub struct Idp {
    pub spec: IdpSpec,
    pub certificate: Certificate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Range {
    pub network: u32,
    pub mask: u32,
}

impl Ipv4Range {
    pub fn parse(text: &str) -> Option<Ipv4Range> {
        let (addr, bits) = text.split_once('/').unwrap_or((text, "32"));
        let addr: Ipv4Addr = addr.trim().parse().ok()?;
        let bits: u32 = bits.trim().parse().ok().filter(|b| *b <= 32)?;
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        Some(Ipv4Range {
            network: u32::from(addr) & mask,
            mask,
        })
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask == self.network
    }
}

impl Org {
    pub fn app(&self, consumer_key: &str) -> Option<(usize, &App)> {
        self.apps
            .iter()
            .enumerate()
            .find(|(_, a)| a.spec.consumer_key == consumer_key)
    }

    /// Salesforce usernames compare case-insensitively.
    pub fn user(&self, username: &str) -> Option<(usize, &User)> {
        self.users
            .iter()
            .enumerate()
            .find(|(_, u)| u.spec.username.eq_ignore_ascii_case(username))
    }

    pub fn idp(&self, issuer: &str) -> Option<&Idp> {
        self.idps.iter().find(|i| i.spec.issuer == issuer)
    }
}

impl App {
    pub fn allows(&self, flow: FlowId) -> bool {
        self.spec.flows.contains(&flow)
    }

    /// Whether `user` may use this app without approving it in a browser first.
    pub fn pre_authorizes(&self, user: &User) -> bool {
        match self.spec.permitted_users {
            PermittedUsers::AllUsersMaySelfAuthorize => false,
            PermittedUsers::AdminApprovedUsersArePreAuthorized => self
                .spec
                .pre_authorized_users
                .iter()
                .any(|u| u.eq_ignore_ascii_case(&user.spec.username)),
        }
    }

    /// Whether `user` may use this app at all (after approving it, where self-authorization
    /// is allowed).
    pub fn permits(&self, user: &User) -> bool {
        self.spec.permitted_users == PermittedUsers::AllUsersMaySelfAuthorize
            || self.pre_authorizes(user)
    }
}

impl User {
    /// Login IP ranges hold unless the app relaxes them; an IPv6 client passes only when no
    /// range is set.
    pub fn ip_allowed(&self, app: &App, ip: std::net::IpAddr) -> bool {
        if self.ip_ranges.is_empty() || app.spec.ip_relaxation == IpRelaxation::RelaxIpRestrictions
        {
            return true;
        }
        let v4 = match ip {
            std::net::IpAddr::V4(v4) => Some(v4),
            std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped(),
        };
        v4.is_some_and(|v4| self.ip_ranges.iter().any(|r| r.contains(v4)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_ranges() {
        let r = Ipv4Range::parse("10.1.0.0/16").unwrap();
        assert!(r.contains("10.1.200.3".parse().unwrap()));
        assert!(!r.contains("10.2.0.1".parse().unwrap()));
        assert!(
            Ipv4Range::parse("127.0.0.1")
                .unwrap()
                .contains(Ipv4Addr::LOCALHOST)
        );
        assert!(
            Ipv4Range::parse("0.0.0.0/0")
                .unwrap()
                .contains(Ipv4Addr::BROADCAST)
        );
        for bad in ["10.0.0.0/33", "nope", "10.0.0/8", "1.2.3.4/x"] {
            assert!(Ipv4Range::parse(bad).is_none(), "{bad}");
        }
    }
}
