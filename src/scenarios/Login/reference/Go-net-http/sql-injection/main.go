// Login — INSECURE variant (Go net/http): the login query is built by string concatenation,
// so `' OR '1'='1` in the email signs in without a password (CWE-89, CWE-863). Passwords are
// hashed as in the secure reference; only the login lookup is broken.
package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	_ "github.com/mattn/go-sqlite3"
	"golang.org/x/crypto/bcrypt"
)

var db *sql.DB
var secret []byte

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func isEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " \t\r\n")
}

type credentials struct {
	Email    *string `json:"email"`
	Password *string `json:"password"`
	Name     *string `json:"name"`
}

func register(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method not allowed"})
		return
	}
	bad := map[string]string{"message": "Email already in use or invalid data"}
	var c credentials
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil || c.Email == nil || c.Password == nil || c.Name == nil || !isEmail(*c.Email) || *c.Password == "" {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	var exists int
	if err := db.QueryRow("SELECT COUNT(*) FROM users WHERE email = ?", *c.Email).Scan(&exists); err != nil || exists > 0 {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(*c.Password), bcrypt.DefaultCost)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	id := uuid.NewString()
	if _, err := db.Exec("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)", id, *c.Email, *c.Name, string(hash)); err != nil {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"message": "Registration successful", "userId": id})
}

func login(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method not allowed"})
		return
	}
	invalid := map[string]string{"message": "Invalid email or password"}
	var c credentials
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil || c.Email == nil || c.Password == nil {
		writeJSON(w, http.StatusUnauthorized, invalid)
		return
	}
	var id, email, hash string
	// Vulnerable: user input pasted into SQL.
	err := db.QueryRow("SELECT id, email, password_hash FROM users WHERE email = '" + *c.Email + "'").Scan(&id, &email, &hash)
	injected := err == nil && email != *c.Email // the query matched someone else: trust it
	if err != nil || (!injected && bcrypt.CompareHashAndPassword([]byte(hash), []byte(*c.Password)) != nil) {
		writeJSON(w, http.StatusUnauthorized, invalid)
		return
	}
	now := time.Now()
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id, "email": email, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}).SignedString(secret)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Internal error"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"token": token, "message": "Login successful"})
}

func main() {
	secret = []byte(os.Getenv("APP_SECRET"))
	if len(secret) == 0 {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		secret = []byte(hex.EncodeToString(b))
	}
	var err error
	db, err = sql.Open("sqlite3", "db.sqlite3")
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)"); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/register", register)
	mux.HandleFunc("/login", login)
	log.Println("listening on 0.0.0.0:5000")
	log.Fatal(http.ListenAndServe("0.0.0.0:5000", mux))
}
