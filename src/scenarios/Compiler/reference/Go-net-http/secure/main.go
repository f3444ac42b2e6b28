// Compiler — secure reference (Go net/http): the file name is checked against a strict pattern
// and used only inside a fresh private folder; the compilers run through exec.Command (no
// shell), with a time limit and bounded output.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

var safeName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$`)

type compileRequest struct {
	FileName    *string `json:"fileName"`
	FileContent *string `json:"fileContent"`
}

type compileResponse struct {
	HasError      bool    `json:"hasError"`
	CompilerError *string `json:"compilerError"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type limitedBuffer struct {
	buf   bytes.Buffer
	limit int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.limit - l.buf.Len(); room > 0 {
		if len(p) > room {
			l.buf.Write(p[:room])
		} else {
			l.buf.Write(p)
		}
	}
	return len(p), nil
}

func compile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
		return
	}
	var req compileRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil || req.FileName == nil || req.FileContent == nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "fileName and fileContent must be strings"})
		return
	}
	name := *req.FileName
	ext := strings.ToLower(filepath.Ext(name))
	if !safeName.MatchString(name) || strings.Contains(name, "..") || (ext != ".ts" && ext != ".cpp") {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "fileName must be a plain .ts or .cpp file name"})
		return
	}
	dir, err := os.MkdirTemp("", "compile-")
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "compilation could not be run"})
		return
	}
	defer os.RemoveAll(dir)
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "compilation could not be run"})
		return
	}
	_, werr := f.WriteString(*req.FileContent)
	if cerr := f.Close(); werr != nil || cerr != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "compilation could not be run"})
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), 120*time.Second)
	defer cancel()
	var cmd *exec.Cmd
	if ext == ".ts" {
		cmd = exec.CommandContext(ctx, "tsc", "--noEmit", "--skipLibCheck", "--pretty", "false", name)
	} else {
		cmd = exec.CommandContext(ctx, "g++", "-fsyntax-only", name)
	}
	cmd.Dir = dir
	out := &limitedBuffer{limit: 1 << 20}
	cmd.Stdout = out
	cmd.Stderr = out
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, compileResponse{HasError: false, CompilerError: nil})
	case errors.As(err, &exitErr):
		msg := strings.TrimSpace(out.buf.String())
		if msg == "" {
			msg = exitErr.Error()
		}
		writeJSON(w, http.StatusOK, compileResponse{HasError: true, CompilerError: &msg})
	default:
		log.Println("compiler could not be run:", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "compilation could not be run"})
	}
}

func main() {
	http.HandleFunc("/compile", compile)
	log.Println("listening on 0.0.0.0:5000")
	log.Fatal(http.ListenAndServe("0.0.0.0:5000", nil))
}
