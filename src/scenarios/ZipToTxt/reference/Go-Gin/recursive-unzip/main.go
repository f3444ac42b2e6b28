// ZipToTxt — INSECURE variant (Go Gin): zip archives inside the upload are opened too,
// recursively, and every entry is read whole into memory with no limit on count or size
// (CWE-400: a nested zip bomb exhausts memory).
package main

import (
	"archive/zip"
	"bytes"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func extractText(data []byte, out *strings.Builder) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		content, err := io.ReadAll(rc) // Vulnerable: no size limit
		rc.Close()
		if err != nil {
			return err
		}
		name := strings.ToLower(f.Name)
		switch {
		case strings.HasSuffix(name, ".zip"):
			if err := extractText(content, out); err != nil { // Vulnerable: nested archives, no depth limit
				return err
			}
		case strings.HasSuffix(name, ".txt"):
			out.Write(content)
			out.WriteString("\n")
		}
	}
	return nil
}

func convert(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		c.String(http.StatusBadRequest, "A zip archive is required in the field \"file\"")
		return
	}
	f, err := fh.Open()
	if err != nil {
		c.String(http.StatusBadRequest, "The upload could not be read")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		c.String(http.StatusBadRequest, "The upload could not be read")
		return
	}
	var out strings.Builder
	if err := extractText(data, &out); err != nil {
		c.String(http.StatusBadRequest, "The upload is not a valid zip archive")
		return
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(out.String()))
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.Default()
	r.POST("/convert", convert)
	log.Fatal(r.Run("0.0.0.0:5000"))
}
