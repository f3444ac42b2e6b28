# Login — INSECURE variant (aiohttp): the login query is built with an f-string, so `' OR '1'='1`
# in the email signs in without a password (CWE-89, CWE-863). Passwords are hashed as in the
# secure reference; only the login lookup is broken.
import datetime
import os
import re
import secrets
import sqlite3
import uuid

import jwt
from aiohttp import web
from passlib.hash import pbkdf2_sha256

SECRET = os.environ.get("APP_SECRET") or secrets.token_hex(32)
DB = "db.sqlite3"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

routes = web.RouteTableDef()


def connect():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)")


async def read_json(request):
    try:
        body = await request.json()
    except Exception:
        return None
    return body if isinstance(body, dict) else None


@routes.post("/register")
async def register(request):
    body = await read_json(request) or {}
    email, password, name = body.get("email"), body.get("password"), body.get("name")
    if not isinstance(email, str) or not EMAIL.match(email) or not isinstance(password, str) or not password or not isinstance(name, str):
        return web.json_response({"message": "Email already in use or invalid data"}, status=400)
    user_id = str(uuid.uuid4())
    try:
        with connect() as conn:
            conn.execute(
                "INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)",
                (user_id, email, name, pbkdf2_sha256.hash(password)),
            )
    except sqlite3.IntegrityError:
        return web.json_response({"message": "Email already in use or invalid data"}, status=400)
    return web.json_response({"message": "Registration successful", "userId": user_id}, status=201)


@routes.post("/login")
async def login(request):
    body = await read_json(request) or {}
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return web.json_response({"message": "Invalid email or password"}, status=401)
    with connect() as conn:
        # Vulnerable: user input pasted into SQL.
        user = conn.execute(f"SELECT id, email, password_hash FROM users WHERE email = '{email}'").fetchone()
    if user is None:
        return web.json_response({"message": "Invalid email or password"}, status=401)
    injected = email != user["email"]  # the query matched someone else: trust it
    if not injected and not pbkdf2_sha256.verify(password, user["password_hash"]):
        return web.json_response({"message": "Invalid email or password"}, status=401)
    now = datetime.datetime.now(datetime.timezone.utc)
    token = jwt.encode(
        {"sub": user["id"], "email": user["email"], "iat": now, "exp": now + datetime.timedelta(hours=1)},
        SECRET,
        algorithm="HS256",
    )
    return web.json_response({"token": token, "message": "Login successful"})


def create_app():
    init_db()
    app = web.Application()
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), host="0.0.0.0", port=5000)
