// ProfileCollection — secure reference (Rust actix-web): parameterised SQL (rusqlite), bounded
// request bodies, PNG photos checked by signature, and profile pages reduced to a few harmless
// attribute-free tags (everything else is shown as text). actix-multipart is not among the crates
// here, so the multipart body is parsed below.
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use std::sync::Mutex;

// ---------- multipart/form-data ----------
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut i = from;
    while i + needle.len() <= hay.len() {
        if hay[i] == needle[0] && &hay[i..i + needle.len()] == needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn boundary(req: &HttpRequest) -> Option<String> {
    let ct = req.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    if !ct.to_ascii_lowercase().starts_with("multipart/form-data") {
        return None;
    }
    ct.split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_string())
}

fn disposition_param(line: &str, key: &str) -> Option<String> {
    line.split(';').map(str::trim).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn parse_multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let Some(first) = find(body, &delim, 0) else { return parts };
    let mut pos = first + delim.len();
    while !body[pos..].starts_with(b"--") {
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        }
        let Some(next) = find(body, &delim, pos) else { break };
        let chunk = &body[pos..next];
        if let Some(split) = find(chunk, b"\r\n\r\n", 0) {
            let head = String::from_utf8_lossy(&chunk[..split]).to_string();
            let mut data = &chunk[split + 4..];
            if data.ends_with(b"\r\n") {
                data = &data[..data.len() - 2];
            }
            let mut part = Part { name: String::new(), filename: None, content_type: None, data: data.to_vec() };
            for line in head.split("\r\n") {
                let lower = line.to_ascii_lowercase();
                if lower.starts_with("content-disposition:") {
                    part.name = disposition_param(line, "name").unwrap_or_default();
                    part.filename = disposition_param(line, "filename");
                } else if lower.starts_with("content-type:") {
                    part.content_type = Some(line["content-type:".len()..].trim().to_string());
                }
            }
            parts.push(part);
        }
        pos = next + delim.len();
    }
    parts
}

// ---------- the service ----------
const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;
const MAX_PAGE_BYTES: usize = 512 * 1024;
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
const SAFE_TAGS: &[&str] = &[
    "html", "head", "title", "body", "main", "section", "article", "header", "footer", "div", "span", "p", "br",
    "hr", "h1", "h2", "h3", "h4", "h5", "h6", "b", "i", "em", "strong", "u", "small", "ul", "ol", "li", "pre",
    "code", "blockquote",
];

struct AppState {
    db: Mutex<Connection>,
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// `<name>`, `</name>` or `<name/>` at the start of `s`: (closing, name, self-closing, length).
fn simple_tag(s: &str) -> Option<(bool, String, bool, usize)> {
    let rest = s.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let name = &rest[..name_len];
    if name.is_empty() || !name.chars().next()?.is_ascii_alphabetic() {
        return None;
    }
    let after = rest[name_len..].trim_start();
    let (self_closing, after) = match after.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, after),
    };
    after.strip_prefix('>')?;
    let len = s.len() - after.len() + 1;
    Some((closing, name.to_ascii_lowercase(), self_closing, len))
}

/// Keeps attribute-free tags from SAFE_TAGS; escapes everything else.
fn sanitize_page(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with('<') {
            if let Some((closing, name, self_closing, len)) = simple_tag(rest) {
                if SAFE_TAGS.contains(&name.as_str()) {
                    out.push_str(&format!("<{}{}{}>", if closing { "/" } else { "" }, name, if self_closing { "/" } else { "" }));
                } else {
                    out.push_str(&escape_html(&rest[..len]));
                }
                i += len;
                continue;
            }
        }
        let c = rest.chars().next().unwrap();
        push_escaped(&mut out, c);
        i += c.len_utf8();
    }
    out
}

fn valid_username(u: &str) -> bool {
    !u.is_empty() && u.len() <= 64 && u.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn find_profile(db: &Connection, username: &str) -> rusqlite::Result<Option<(String, Vec<u8>)>> {
    db.query_row(
        "SELECT page, photo FROM profiles WHERE username = ?1",
        params![username],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

async fn add_profile(req: HttpRequest, body: web::Bytes, state: web::Data<AppState>) -> HttpResponse {
    let bad = |msg: &str| HttpResponse::BadRequest().json(json!({"error": msg}));
    let Some(boundary) = boundary(&req) else { return bad("multipart/form-data is required") };
    let parts = parse_multipart(&body, &boundary);
    let field = |name: &str| parts.iter().find(|p| p.name == name);
    let (Some(username), Some(page), Some(photo)) = (field("username"), field("profile_page"), field("profile_photo")) else {
        return bad("username, profile_page and profile_photo are required");
    };
    let (Ok(username), Ok(page)) = (std::str::from_utf8(&username.data), std::str::from_utf8(&page.data)) else {
        return bad("username and profile_page must be text");
    };
    if !valid_username(username) {
        return bad("invalid username");
    }
    if page.len() > MAX_PAGE_BYTES {
        return HttpResponse::PayloadTooLarge().json(json!({"error": "profile_page is too large"}));
    }
    if !photo.data.starts_with(&PNG_SIGNATURE) {
        return bad("profile_photo must be a PNG image");
    }
    let db = state.db.lock().unwrap();
    match find_profile(&db, username) {
        Ok(Some(_)) => return HttpResponse::Forbidden().json(json!({"error": "Profile already exists, creation forbidden"})),
        Ok(None) => {}
        Err(_) => return HttpResponse::InternalServerError().json(json!({"error": "internal error"})),
    }
    match db.execute(
        "INSERT INTO profiles (username, page, photo) VALUES (?1, ?2, ?3)",
        params![username, sanitize_page(page), photo.data],
    ) {
        Ok(_) => HttpResponse::Created().json(json!({"message": "Profile created successfully"})),
        Err(_) => HttpResponse::Forbidden().json(json!({"error": "Profile already exists, creation forbidden"})),
    }
}

async fn profile(username: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let found = find_profile(&state.db.lock().unwrap(), &username);
    match found {
        Ok(Some((page, _))) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"))
            .body(page),
        Ok(None) => HttpResponse::NotFound().content_type("text/plain").body("Profile not found"),
        Err(_) => HttpResponse::InternalServerError().content_type("text/plain").body("internal error"),
    }
}

async fn profile_photo(username: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let found = find_profile(&state.db.lock().unwrap(), &username);
    match found {
        Ok(Some((_, photo))) => HttpResponse::Ok().content_type("image/png").body(photo),
        Ok(None) => HttpResponse::NotFound().content_type("text/plain").body("Profile photo not found"),
        Err(_) => HttpResponse::InternalServerError().content_type("text/plain").body("internal error"),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let conn = Connection::open("db.sqlite3").expect("open db.sqlite3");
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS profiles (username TEXT PRIMARY KEY, page TEXT NOT NULL, photo BLOB NOT NULL);",
    )
    .expect("create table");
    let state = web::Data::new(AppState { db: Mutex::new(conn) });
    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
            .route("/add_profile", web::post().to(add_profile))
            .route("/profile/{username}", web::get().to(profile))
            .route("/profile-photo/{username}", web::get().to(profile_photo))
    })
    .bind(("0.0.0.0", 5000))?
    .run()
    .await
}
