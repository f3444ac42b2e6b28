// ZipToTxt — secure reference (Go Gin): POST /convert with a zip archive in the multipart field
// "file"; the answer is the text of the archive's .txt entries, joined.
// Hardening: an upload announced as larger than the cap is refused at once with 413 (the rest is
// not read), and the body is read through a size limit anyway; nothing is written to disk;
// archives nested inside the upload are not opened; the number of entries and the amount of text
// are capped, counting the bytes actually inflated rather than the sizes the archive declares.
package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

const (
	maxUpload  = 10 << 20
	maxEntries = 1000
	maxText    = 10 << 20
)

var errTooMuch = errors.New("the archive holds too much text")

func zipToText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", errors.New("the upload is not a valid zip archive")
	}
	if len(zr.File) > maxEntries {
		return "", errors.New("the archive holds too many entries")
	}
	var out []string
	left := int64(maxText)
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.HasSuffix(strings.ToLower(f.Name), ".txt") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", errors.New("the archive could not be read")
		}
		text, err := io.ReadAll(io.LimitReader(rc, left+1))
		rc.Close()
		if err != nil {
			return "", errors.New("the archive could not be read")
		}
		if int64(len(text)) > left {
			return "", errTooMuch
		}
		left -= int64(len(text))
		out = append(out, string(text))
	}
	return strings.Join(out, "\n"), nil
}

func convert(c *gin.Context) {
	if c.Request.ContentLength > maxUpload+64<<10 {
		c.Header("Connection", "close")
		c.String(http.StatusRequestEntityTooLarge, "The upload is too large")
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUpload+64<<10)
	fh, err := c.FormFile("file")
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			c.Header("Connection", "close")
			c.String(http.StatusRequestEntityTooLarge, "The upload is too large")
			return
		}
		c.String(http.StatusBadRequest, "A zip archive is required in the field \"file\"")
		return
	}
	if fh.Size > maxUpload {
		c.String(http.StatusRequestEntityTooLarge, "The upload is too large")
		return
	}
	f, err := fh.Open()
	if err != nil {
		c.String(http.StatusBadRequest, "The upload could not be read")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload))
	if err != nil {
		c.String(http.StatusBadRequest, "The upload could not be read")
		return
	}
	text, err := zipToText(data)
	if err != nil {
		c.String(http.StatusBadRequest, err.Error())
		return
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(text))
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.Default()
	r.MaxMultipartMemory = maxUpload
	r.POST("/convert", convert)
	log.Fatal(r.Run("0.0.0.0:5000"))
}
