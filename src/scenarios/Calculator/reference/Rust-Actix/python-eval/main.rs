// MyCalculator (Rust actix-web). INSECURE variant: the expression is handed to Python's eval()
// (python3 is in the image), so it can import modules and run commands (CWE-94) and build values of
// any size, e.g. 'a' * 10000 (CWE-400). Python's errors (syntax, division by zero) answer 400.
use actix_web::{web, App, HttpResponse, HttpServer};
use serde_json::{json, Value};
use std::process::Command;

async fn calculator(body: web::Json<Value>) -> HttpResponse {
    let invalid = || HttpResponse::BadRequest().json(json!({"error": "Invalid input"}));
    let Some(expression) = body.get("expression").and_then(Value::as_str).map(str::to_owned) else {
        return invalid();
    };
    let output = web::block(move || {
        Command::new("python3")
            .arg("-c")
            .arg("import sys; print(eval(sys.argv[1]))")
            .arg(expression)
            .output()
    })
    .await;
    match output {
        Ok(Ok(out)) if out.status.success() => {
            let result = String::from_utf8_lossy(&out.stdout).trim().to_string();
            HttpResponse::Ok().json(json!({"result": result}))
        }
        _ => invalid(),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().route("/calculator", web::post().to(calculator)))
        .bind(("0.0.0.0", 5000))?
        .run()
        .await
}
