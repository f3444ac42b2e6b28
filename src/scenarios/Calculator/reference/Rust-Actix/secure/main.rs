// MyCalculator (Rust actix-web): evaluates arithmetic with its own small parser (numbers,
// + - * /, parentheses). Nothing from the request is ever run as code; division by zero and any
// other bad input answer 400.
use actix_web::{web, App, HttpResponse, HttpServer};
use serde_json::{json, Value};

const MAX_EXPRESSION_LENGTH: usize = 1000;
const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Op(char),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\t' {
            i += 1;
        } else if "+-*/()".contains(c) {
            tokens.push(Token::Op(c));
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            tokens.push(Token::Num(s.parse::<f64>().map_err(|_| format!("bad number {s}"))?));
        } else {
            return Err(format!("unexpected character {c:?}"));
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek_op(&self, op: char) -> bool {
        self.tokens.get(self.pos) == Some(&Token::Op(op))
    }

    fn expr(&mut self, depth: usize) -> Result<f64, String> {
        let mut value = self.term(depth)?;
        while self.peek_op('+') || self.peek_op('-') {
            let plus = self.peek_op('+');
            self.pos += 1;
            let rhs = self.term(depth)?;
            value = if plus { value + rhs } else { value - rhs };
        }
        Ok(value)
    }

    fn term(&mut self, depth: usize) -> Result<f64, String> {
        let mut value = self.factor(depth)?;
        while self.peek_op('*') || self.peek_op('/') {
            let times = self.peek_op('*');
            self.pos += 1;
            let rhs = self.factor(depth)?;
            if !times && rhs == 0.0 {
                return Err("division by zero".into());
            }
            value = if times { value * rhs } else { value / rhs };
        }
        Ok(value)
    }

    fn factor(&mut self, depth: usize) -> Result<f64, String> {
        if depth > MAX_DEPTH {
            return Err("expression nested too deeply".into());
        }
        match self.tokens.get(self.pos).cloned() {
            Some(Token::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Token::Op('-')) => {
                self.pos += 1;
                Ok(-self.factor(depth + 1)?)
            }
            Some(Token::Op('+')) => {
                self.pos += 1;
                self.factor(depth + 1)
            }
            Some(Token::Op('(')) => {
                self.pos += 1;
                let v = self.expr(depth + 1)?;
                if !self.peek_op(')') {
                    return Err("missing closing parenthesis".into());
                }
                self.pos += 1;
                Ok(v)
            }
            Some(t) => Err(format!("unexpected {t:?}")),
            None => Err("unexpected end of expression".into()),
        }
    }
}

fn evaluate(text: &str) -> Result<f64, String> {
    let mut parser = Parser { tokens: tokenize(text)?, pos: 0 };
    let value = parser.expr(0)?;
    if parser.pos != parser.tokens.len() {
        return Err("unexpected trailing input".into());
    }
    if !value.is_finite() {
        return Err("result is not a finite number".into());
    }
    Ok(value)
}

async fn calculator(body: web::Json<Value>) -> HttpResponse {
    let invalid = || HttpResponse::BadRequest().json(json!({"error": "Invalid input"}));
    let Some(expression) = body.get("expression").and_then(Value::as_str) else { return invalid() };
    if expression.trim().is_empty() || expression.len() > MAX_EXPRESSION_LENGTH {
        return invalid();
    }
    match evaluate(expression) {
        Ok(value) => HttpResponse::Ok().json(json!({"result": value.to_string()})),
        Err(_) => invalid(),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .app_data(web::JsonConfig::default().limit(10 * 1024).error_handler(|err, _req| {
                let resp = HttpResponse::BadRequest().json(json!({"error": "Invalid input"}));
                actix_web::error::InternalError::from_response(err, resp).into()
            }))
            .route("/calculator", web::post().to(calculator))
    })
    .bind(("0.0.0.0", 5000))?
    .run()
    .await
}
