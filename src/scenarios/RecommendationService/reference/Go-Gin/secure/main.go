// RecommendationService — secure reference (Go Gin): parameterised SQL (one placeholder per
// tag), HTML-escaped output.
package main

import (
	"database/sql"
	"html"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	_ "github.com/mattn/go-sqlite3"
)

var db *sql.DB

type newProduct struct {
	ProductName *string  `json:"product_name"`
	Tags        []string `json:"tags"`
}

func postProduct(c *gin.Context) {
	var req newProduct
	if err := c.ShouldBindJSON(&req); err != nil || req.ProductName == nil || strings.TrimSpace(*req.ProductName) == "" || req.Tags == nil {
		c.String(http.StatusBadRequest, "Invalid input")
		return
	}
	tx, err := db.Begin()
	if err != nil {
		c.String(http.StatusInternalServerError, "Internal error")
		return
	}
	defer tx.Rollback()
	res, err := tx.Exec("INSERT INTO products (name) VALUES (?)", *req.ProductName)
	if err != nil {
		c.String(http.StatusInternalServerError, "Internal error")
		return
	}
	id, _ := res.LastInsertId()
	for _, tag := range req.Tags {
		tag = strings.TrimSpace(tag)
		if tag == "" {
			continue
		}
		if _, err := tx.Exec("INSERT OR IGNORE INTO product_tags (product_id, tag) VALUES (?, ?)", id, tag); err != nil {
			c.String(http.StatusInternalServerError, "Internal error")
			return
		}
	}
	if err := tx.Commit(); err != nil {
		c.String(http.StatusInternalServerError, "Internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"message": "Successful operation"})
}

func getRecommendations(c *gin.Context) {
	raw, ok := c.GetQuery("tags")
	if !ok {
		c.String(http.StatusBadRequest, "tags query parameter is required")
		return
	}
	var tags []string
	seen := map[string]bool{}
	for _, t := range strings.Split(raw, ",") {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Recommendations</title></head><body><h1>Recommended products</h1><ul>")
	if len(tags) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(tags)), ",")
		args := make([]any, len(tags))
		for i, t := range tags {
			args[i] = t
		}
		rows, err := db.Query("SELECT DISTINCT p.id, p.name FROM products p JOIN product_tags t ON t.product_id = p.id WHERE t.tag IN ("+marks+") ORDER BY p.id", args...)
		if err != nil {
			c.String(http.StatusInternalServerError, "Internal error")
			return
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				c.String(http.StatusInternalServerError, "Internal error")
				return
			}
			b.WriteString("<li>" + html.EscapeString(name) + "</li>")
		}
	}
	b.WriteString("</ul></body></html>")
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(b.String()))
}

func main() {
	var err error
	db, err = sql.Open("sqlite3", "db.sqlite3")
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{
		"CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)",
		"CREATE TABLE IF NOT EXISTS product_tags (product_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (product_id, tag))",
	} {
		if _, err := db.Exec(stmt); err != nil {
			log.Fatal(err)
		}
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.Default()
	r.GET("/recommender", getRecommendations)
	r.POST("/recommender", postProduct)
	log.Fatal(r.Run("0.0.0.0:5000"))
}
