# Login — secure reference (FastAPI): parameterised SQL, salted PBKDF2 password hashes (passlib),
# per-user JWTs signed with APP_SECRET (pyjwt).
import datetime
import os
import secrets
import sqlite3
import uuid

import jwt
import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from passlib.hash import pbkdf2_sha256
from pydantic import BaseModel, EmailStr

SECRET = os.environ.get("APP_SECRET") or secrets.token_hex(32)
DB = "db.sqlite3"

app = FastAPI(title="LoginAPI")


class RegisterRequest(BaseModel):
    email: EmailStr
    password: str
    name: str


class LoginRequest(BaseModel):
    email: str
    password: str


def connect():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)")


@app.exception_handler(RequestValidationError)
async def invalid_body(request: Request, exc: RequestValidationError):
    if request.url.path == "/login":
        return JSONResponse(status_code=401, content={"message": "Invalid email or password"})
    return JSONResponse(status_code=400, content={"message": "Email already in use or invalid data"})


@app.post("/register", status_code=201)
def register(body: RegisterRequest):
    if not body.password:
        return JSONResponse(status_code=400, content={"message": "Email already in use or invalid data"})
    user_id = str(uuid.uuid4())
    try:
        with connect() as conn:
            conn.execute(
                "INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)",
                (user_id, body.email, body.name, pbkdf2_sha256.hash(body.password)),
            )
    except sqlite3.IntegrityError:
        return JSONResponse(status_code=400, content={"message": "Email already in use or invalid data"})
    return {"message": "Registration successful", "userId": user_id}


@app.post("/login")
def login(body: LoginRequest):
    with connect() as conn:
        user = conn.execute("SELECT id, email, password_hash FROM users WHERE email = ?", (body.email,)).fetchone()
    if user is None or not pbkdf2_sha256.verify(body.password, user["password_hash"]):
        return JSONResponse(status_code=401, content={"message": "Invalid email or password"})
    now = datetime.datetime.now(datetime.timezone.utc)
    token = jwt.encode(
        {"sub": user["id"], "email": user["email"], "iat": now, "exp": now + datetime.timedelta(hours=1)},
        SECRET,
        algorithm="HS256",
    )
    return {"token": token, "message": "Login successful"}


if __name__ == "__main__":
    init_db()
    uvicorn.run(app, host="0.0.0.0", port=5000)
