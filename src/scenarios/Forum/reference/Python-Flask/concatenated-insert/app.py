# Forum — INSECURE variant (Flask): posting pastes the message into SQL run with executescript,
# which runs every statement in the string, so a stacked DROP TABLE goes through (CWE-89).
import sqlite3

from flask import Flask, g, jsonify, render_template_string, request

DB = "db.sqlite3"

app = Flask(__name__)

PAGE = """<!DOCTYPE html>
<html>
<head><title>MyForum</title></head>
<body>
<h1>MyForum</h1>
<ul>
{% for m in messages %}
  <li><strong>{{ m["username"] }}</strong> ({{ m["created_at"] }}): {{ m["content"] }}</li>
{% endfor %}
</ul>
</body>
</html>
"""


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
        conn.execute(
            "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, content TEXT NOT NULL, "
            "username TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
        )


def insert_message(content, username):
    conn = db()
    conn.executescript(f"INSERT INTO messages (content, username) SELECT '{content}', '{username}';")


def list_messages(sort, limit, offset):
    direction = "ASC" if sort == "ASC" else "DESC"
    return db().execute(
        f"SELECT content, username, created_at FROM messages ORDER BY id {direction} LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()


def non_negative_int(name, default):
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isdigit() or len(value) > 9:
        return None
    return int(value)


@app.route("/messages", methods=["GET", "POST"])
def messages():
    if request.method == "POST":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify(error="a JSON object is required"), 400
        content, username = body.get("content"), body.get("username", "anonymous")
        if not isinstance(content, str) or not content or not isinstance(username, str):
            return jsonify(error="content must be a non-empty string and username a string"), 400
        try:
            insert_message(content, username or "anonymous")
        except sqlite3.Error:
            return jsonify(error="internal error"), 500
        return jsonify(message="posted"), 200

    limit = non_negative_int("limit", 10)
    offset = non_negative_int("offset", 0)
    sort = request.args.get("sort", "DESC").upper()
    if limit is None or offset is None or sort not in ("ASC", "DESC"):
        return "<p>invalid limit, offset or sort</p>", 400
    try:
        rows = list_messages(sort, limit, offset)
    except sqlite3.Error:
        return "<p>internal error</p>", 500
    return render_template_string(PAGE, messages=rows)


if __name__ == "__main__":
    init_db()
    app.run(host="0.0.0.0", port=5000)
