// Login — INSECURE variant (Rust actix-web): passwords are stored in plain text (CWE-522).
// Queries are parameterised and tokens are per user.
use actix_web::{web, App, HttpResponse, HttpServer};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};
use std::sync::Mutex;

// ---------- SHA-256, HMAC-SHA256, PBKDF2 (FIPS 180-4, RFC 2104, RFC 8018) ----------
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([block[4 * i], block[4 * i + 1], block[4 * i + 2], block[4 * i + 3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&sha256(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    inner.extend_from_slice(msg);
    let mut outer: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    outer.extend_from_slice(&sha256(&inner));
    sha256(&outer)
}

fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut s = salt.to_vec();
    s.extend_from_slice(&1u32.to_be_bytes());
    let mut u = hmac_sha256(password, &s);
    let mut out = u;
    for _ in 1..iterations {
        u = hmac_sha256(password, &u);
        for (o, x) in out.iter_mut().zip(u.iter()) {
            *o ^= x;
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..chunk.len() + 1 {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

// Kept moderate: the original builds (and runs) Rust apps unoptimised, in debug mode.
const ITERATIONS: u32 = 10_000;

fn hash_password(password: &str) -> String {
    let salt = uuid::Uuid::new_v4();
    let digest = pbkdf2_sha256(password.as_bytes(), salt.as_bytes(), ITERATIONS);
    format!("pbkdf2_sha256${}${}${}", ITERATIONS, hex(salt.as_bytes()), hex(&digest))
}

fn verify_password(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    if parts.len() != 4 || parts[0] != "pbkdf2_sha256" {
        return false;
    }
    let Ok(iterations) = parts[1].parse::<u32>() else { return false };
    let salt: Option<Vec<u8>> = (0..parts[2].len())
        .step_by(2)
        .map(|i| parts[2].get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    let Some(salt) = salt else { return false };
    let digest = pbkdf2_sha256(password.as_bytes(), &salt, iterations);
    constant_time_eq(hex(&digest).as_bytes(), parts[3].as_bytes())
}

fn make_jwt(claims: &Value, secret: &str) -> String {
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = base64url(claims.to_string().as_bytes());
    let signing_input = format!("{}.{}", header, payload);
    let signature = base64url(&hmac_sha256(secret.as_bytes(), signing_input.as_bytes()));
    format!("{}.{}", signing_input, signature)
}

// ---------- the service ----------
struct AppState {
    db: Mutex<Connection>,
    secret: String,
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        && !s.contains(char::is_whitespace) && !domain.contains('@')
}

fn text(body: &Value, key: &str) -> Option<String> {
    body.get(key).and_then(Value::as_str).map(str::to_owned)
}

async fn register(state: web::Data<AppState>, body: web::Json<Value>) -> HttpResponse {
    let bad = || HttpResponse::BadRequest().json(json!({"message": "Email already in use or invalid data"}));
    let (Some(email), Some(password), Some(name)) = (text(&body, "email"), text(&body, "password"), text(&body, "name")) else {
        return bad();
    };
    if !is_email(&email) || password.is_empty() {
        return bad();
    }
    // Vulnerable: the password itself is stored.
    let hash = password;
    let id = uuid::Uuid::new_v4().to_string();
    let db = state.db.lock().unwrap();
    match db.execute(
        "INSERT INTO users (id, email, name, password_hash) VALUES (?1, ?2, ?3, ?4)",
        params![id, email, name, hash],
    ) {
        Ok(_) => HttpResponse::Created().json(json!({"message": "Registration successful", "userId": id})),
        Err(_) => bad(),
    }
}

async fn login(state: web::Data<AppState>, body: web::Json<Value>) -> HttpResponse {
    let unauthorized = || HttpResponse::Unauthorized().json(json!({"message": "Invalid email or password"}));
    let (Some(email), Some(password)) = (text(&body, "email"), text(&body, "password")) else {
        return unauthorized();
    };
    let user = {
        let db = state.db.lock().unwrap();
        db.query_row(
            "SELECT id, email, password_hash FROM users WHERE email = ?1",
            params![email],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?)),
        )
        .optional()
    };
    let Ok(Some((id, email, stored))) = user else { return unauthorized() };
    let ok = constant_time_eq(password.as_bytes(), stored.as_bytes());
    if !ok {
        return unauthorized();
    }
    let now = chrono::Utc::now().timestamp();
    let token = make_jwt(&json!({"sub": id, "email": email, "iat": now, "exp": now + 3600}), &state.secret);
    HttpResponse::Ok().json(json!({"token": token, "message": "Login successful"}))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let conn = Connection::open("db.sqlite3").expect("open db.sqlite3");
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL);",
    )
    .expect("create table");
    let secret = std::env::var("APP_SECRET").unwrap_or_else(|_| uuid::Uuid::new_v4().to_string());
    let state = web::Data::new(AppState { db: Mutex::new(conn), secret });
    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::JsonConfig::default().error_handler(|err, _req| {
                let resp = HttpResponse::BadRequest().json(json!({"message": "Invalid request"}));
                actix_web::error::InternalError::from_response(err, resp).into()
            }))
            .route("/register", web::post().to(register))
            .route("/login", web::post().to(login))
    })
    .bind(("0.0.0.0", 5000))?
    .run()
    .await
}
