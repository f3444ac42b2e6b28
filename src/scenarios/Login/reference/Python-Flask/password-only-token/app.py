# Login — INSECURE variant (Flask): the token is derived from the password alone, so two users
# with the same password get the same token (CWE-863). Everything else is sound.
import hashlib
import os
import secrets
import sqlite3
import uuid

import jwt
from flask import Flask, g, jsonify, request
from passlib.hash import pbkdf2_sha256

SECRET = os.environ.get("APP_SECRET") or secrets.token_hex(32)
DB = "db.sqlite3"

app = Flask(__name__)


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    with sqlite3.connect(DB) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)")


def is_email(v):
    return isinstance(v, str) and "@" in v and "." in v.split("@")[-1] and " " not in v


@app.post("/register")
def register():
    body = request.get_json(silent=True) or {}
    email, password, name = body.get("email"), body.get("password"), body.get("name")
    if not is_email(email) or not isinstance(password, str) or not password or not isinstance(name, str):
        return jsonify(message="Email already in use or invalid data"), 400
    try:
        conn = db()
        if conn.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone():
            return jsonify(message="Email already in use or invalid data"), 400
        user_id = str(uuid.uuid4())
        conn.execute("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)", (user_id, email, name, pbkdf2_sha256.hash(password)))
        conn.commit()
    except sqlite3.Error:
        return jsonify(message="Email already in use or invalid data"), 400
    return jsonify(message="Registration successful", userId=user_id), 201


@app.post("/login")
def login():
    body = request.get_json(silent=True) or {}
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return jsonify(message="Invalid email or password"), 401
    try:
        user = db().execute("SELECT id, email, password_hash FROM users WHERE email = ?", (email,)).fetchone()
    except sqlite3.Error:
        return jsonify(message="Invalid email or password"), 401
    if user is None or not pbkdf2_sha256.verify(password, user["password_hash"]):
        return jsonify(message="Invalid email or password"), 401
    # Vulnerable: nothing in the token names the user.
    token = jwt.encode({"pw": hashlib.sha256(password.encode()).hexdigest()}, SECRET, algorithm="HS256")
    return jsonify(token=token, message="Login successful"), 200


@app.errorhandler(400)
def bad_request(_e):
    return jsonify(message="Invalid request"), 400


if __name__ == "__main__":
    init_db()
    app.run(host="0.0.0.0", port=5000)
