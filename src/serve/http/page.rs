//! Server-rendered HTML for the login, approve and device pages: plain forms, no JavaScript.

use super::form::Form;
use crate::serve::Ctx;
use crate::serve::org::User;
use crate::text::replace_chars;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// HTML text and attribute values: the chars that could start markup or end a quoted value.
const HTML_ESCAPES: &[(char, &str)] = &[
    ('&', "&amp;"),
    ('<', "&lt;"),
    ('>', "&gt;"),
    ('"', "&quot;"),
    ('\'', "&#39;"),
];

pub fn escape(text: &str) -> String {
    replace_chars(text, HTML_ESCAPES)
}

pub fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
        escape(name),
        escape(value)
    )
}

pub fn html(status: StatusCode, title: &str, body: &str) -> Response {
    let text = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title} | sfauth serve</title>\
         <style>body{{font-family:sans-serif;max-width:32em;margin:3em auto}}\
         label{{display:block;margin:.6em 0}}.error{{color:#b00}}\
         code{{background:#eee}}</style></head>\n<body>\n<h1>{title}</h1>\n{body}\n\
         <p><small>A local practice org served by sfauth. Not Salesforce.</small></p>\n\
         </body></html>\n",
        title = escape(title)
    );
    let mut r = (status, text).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html;charset=UTF-8"),
    );
    r
}

/// The org user whose username and password the login form carries.
pub fn logged_in<'o>(ctx: &'o Ctx, form: &Form) -> Option<(usize, &'o User)> {
    form.get("username")
        .and_then(|u| ctx.org.user(u))
        .filter(|(_, u)| Some(u.spec.password.as_str()) == form.get("password"))
}

pub fn login_fields() -> &'static str {
    "<label>Username <input name=\"username\" autocomplete=\"username\"></label>\n\
     <label>Password <input name=\"password\" type=\"password\" \
     autocomplete=\"current-password\"></label>\n"
}

pub fn error_line(message: Option<&str>) -> String {
    message
        .map(|m| format!("<p class=\"error\">{}</p>\n", escape(m)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
