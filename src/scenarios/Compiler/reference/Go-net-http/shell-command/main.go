// Compiler — INSECURE variant (Go net/http): the compiler runs through a shell with the requested
// file path pasted into the command line (CWE-78: OS command injection through fileName).
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

var workDir string

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
	filePath := filepath.Join(workDir, req.FileName)
	var command string
	switch {
	case strings.HasSuffix(req.FileName, ".ts"):
		command = "tsc --noEmit " + filePath
	case strings.HasSuffix(req.FileName, ".cpp"):
		command = "g++ -fsyntax-only " + filePath
	default:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "only .ts and .cpp files are supported"})
		return
	}
	_ = os.MkdirAll(filepath.Dir(filePath), 0o755)
	if err := os.WriteFile(filePath, []byte(req.FileContent), 0o644); err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "could not save the file"})
		return
	}
	// Vulnerable: one shell command line with the user's file name in it.
	out, err := exec.Command("sh", "-c", command).CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(strings.ReplaceAll(string(out), workDir+"/", ""))
		if msg == "" {
			msg = err.Error()
		}
		writeJSON(w, http.StatusOK, map[string]any{"hasError": true, "compilerError": msg})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"hasError": false, "compilerError": nil})
}

func main() {
	var err error
	workDir, err = os.MkdirTemp("", "compiler-")
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/compile", compile)
	log.Fatal(http.ListenAndServe("0.0.0.0:5000", nil))
}
