//! Server-rendered HTML for the login, approve and device pages: plain forms, no JavaScript.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
