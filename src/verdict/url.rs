//! URL tests both inspectors judge audiences, issuers and recipients with.

/// `https://host[:port][/path][?query]` split into the lowercase host and the rest; `None`
/// for anything else.
pub fn https_host(url: &str) -> Option<(String, &str)> {
    let rest = url.strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest.get(..end)?;
    if host.is_empty() {
        return None;
    }
    Some((
        host.to_ascii_lowercase(),
        rest.get(end..).unwrap_or_default(),
    ))
}

/// Login, test, My Domain, sandbox My Domain or Experience Cloud site hosts.
pub fn is_salesforce_host(host: &str) -> bool {
    let host = host.split(':').next().unwrap_or(host);
    [
        ".salesforce.com",
        ".force.com",
        ".site.com",
        ".cloudforce.com",
    ]
    .iter()
    .any(|suffix| host.ends_with(suffix))
}

pub fn is_salesforce_url(url: &str) -> bool {
    https_host(url).is_some_and(|(host, _)| is_salesforce_host(&host))
}

/// A URL without one trailing slash, for comparing configured values.
pub fn trim_slash(url: &str) -> &str {
    url.strip_suffix('/').unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_paths_and_queries() {
        assert_eq!(
            https_host("https://Login.Salesforce.com/services/oauth2/token"),
            Some(("login.salesforce.com".to_string(), "/services/oauth2/token"))
        );
        assert_eq!(
            https_host("https://x.my.salesforce.com?so=00D"),
            Some(("x.my.salesforce.com".to_string(), "?so=00D"))
        );
        assert_eq!(https_host("http://login.salesforce.com"), None);
        assert_eq!(https_host("https://"), None);
        assert!(is_salesforce_host("acme.my.site.com"));
        assert!(is_salesforce_host("acme.my.salesforce.com:443"));
        assert!(!is_salesforce_host("evilsalesforce.com.example"));
        assert!(is_salesforce_url("https://acme.my.site.com/partners"));
        assert!(!is_salesforce_url("https://salesforce.com.evil.example"));
        assert_eq!(trim_slash("https://a/"), "https://a");
        assert_eq!(trim_slash("https://a"), "https://a");
    }
}
