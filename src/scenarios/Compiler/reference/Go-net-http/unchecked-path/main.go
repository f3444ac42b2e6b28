// Compiler — INSECURE variant (Go net/http): the source is saved at the requested name resolved
// against the work folder before its type is checked, so "../" names and absolute paths
// overwrite files anywhere (CWE-22). The compilers run without a shell.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const sources = "/app/sources"

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func compile(w http.ResponseWriter, r *http.Request) {
	var req struct {
		FileName    string `json:"fileName"`
		FileContent string `json:"fileContent"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.FileName == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "fileName and fileContent are required"})
		return
	}
	// Vulnerable: the name is joined to the folder as it is and the file written right away.
	filePath := filepath.Join(sources, req.FileName)
	if err := os.WriteFile(filePath, []byte(req.FileContent), 0o644); err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "could not save the file"})
		return
	}
	var cmd *exec.Cmd
	switch {
	case strings.HasSuffix(req.FileName, ".ts"):
		cmd = exec.Command("tsc", "--noEmit", filePath)
	case strings.HasSuffix(req.FileName, ".cpp"):
		cmd = exec.Command("g++", "-fsyntax-only", filePath)
	default:
		writeJSON(w, http.StatusOK, map[string]any{"hasError": true, "compilerError": "Unsupported file type: " + filepath.Ext(req.FileName)})
		return
	}
	cmd.Dir = sources
	if out, err := cmd.CombinedOutput(); err != nil {
		msg := strings.TrimSpace(string(out))
		if msg == "" {
			msg = err.Error()
		}
		writeJSON(w, http.StatusOK, map[string]any{"hasError": true, "compilerError": msg})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"hasError": false, "compilerError": nil})
}

func main() {
	if err := os.MkdirAll(sources, 0o755); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/compile", compile)
	log.Fatal(http.ListenAndServe("0.0.0.0:5000", nil))
}
