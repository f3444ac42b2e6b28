// ImageTransfer (Rust actix-web). INSECURE variant: the client's file name, folders included,
// becomes the path the upload is written to and the image's id (CWE-22, CWE-434). Only files the
// client declares as images are taken.
// actix-multipart is not among the crates here, so the multipart body is parsed below.
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;
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
const UPLOAD_DIR: &str = "uploads";

struct Image {
    file: PathBuf,
    mime: String,
}

struct AppState {
    images: Mutex<HashMap<String, Image>>,
}

/// The type the client declared: the part's Content-Type, else the one its file name's extension implies.
fn declared_type(part: &Part) -> String {
    if let Some(ct) = &part.content_type {
        return ct.clone();
    }
    let ext = part.filename.as_deref().and_then(|f| f.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("bmp") => "image/bmp",
        Some("html") | Some("htm") => "text/html",
        Some("txt") => "text/plain",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
    .to_string()
}

/// Recognises raster image formats by their signature.
fn sniff_image_type(b: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, sig: &[u8]| b.len() >= offset + sig.len() && &b[offset..offset + sig.len()] == sig;
    if at(0, &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else if at(0, &[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        Some("image/gif")
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        Some("image/webp")
    } else if at(0, b"BM") && b.len() > 26 {
        Some("image/bmp")
    } else if at(0, &[0x49, 0x49, 0x2a, 0x00]) || at(0, &[0x4d, 0x4d, 0x00, 0x2a]) {
        Some("image/tiff")
    } else {
        None
    }
}

async fn upload(req: HttpRequest, body: web::Bytes, state: web::Data<AppState>) -> HttpResponse {
    let bad = |msg: &str| HttpResponse::BadRequest().json(json!({"error": msg}));
    let Some(boundary) = boundary(&req) else { return bad("multipart/form-data with a file is required") };
    let parts = parse_multipart(&body, &boundary);
    let Some(file) = parts.into_iter().find(|p| p.name == "file" && p.filename.is_some()) else {
        return bad("a file is required in the \"file\" field");
    };
    let mime = declared_type(&file);
    if !mime.starts_with("image/") {
        return bad("the file is not an image");
    }
    let id = file.filename.clone().unwrap_or_default();
    let path = PathBuf::from(format!("{UPLOAD_DIR}/{id}"));
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if std::fs::write(&path, &file.data).is_err() {
        return HttpResponse::InternalServerError().json(json!({"error": "the image could not be stored"}));
    }
    state.images.lock().unwrap().insert(id.clone(), Image { file: path, mime });
    HttpResponse::Ok().json(json!({"id": id}))
}

async fn show(id: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let not_found = || HttpResponse::NotFound().json(json!({"error": "image not found"}));
    let found = state.images.lock().unwrap().get(id.as_str()).map(|i| (i.file.clone(), i.mime.clone()));
    let Some((file, mime)) = found else { return not_found() };
    match std::fs::read(&file) {
        Ok(data) => HttpResponse::Ok()
            .content_type(mime)
            .insert_header(("Content-Disposition", "inline"))
            .insert_header(("X-Content-Type-Options", "nosniff"))
            .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
            .body(data),
        Err(_) => HttpResponse::InternalServerError().json(json!({"error": "the image could not be read"})),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    std::fs::create_dir_all(UPLOAD_DIR)?;
    let state = web::Data::new(AppState { images: Mutex::new(HashMap::new()) });
    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(10 * 1024 * 1024))
            .route("/upload", web::post().to(upload))
            .route("/images/{image_id}", web::get().to(show))
    })
    .bind(("0.0.0.0", 5000))?
    .run()
    .await
}
