# SongDownloader — INSECURE variant (FastAPI): the file name is joined onto the songs folder
# unchecked, so "../" climbs out of it and an absolute name replaces it (CWE-22).
import os

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel

SONGS_DIR = os.path.realpath("/var/songs")

app = FastAPI(title="SongDownloader")


class DownloadRequest(BaseModel):
    filename: str


@app.exception_handler(RequestValidationError)
async def invalid_body(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=400, content={"error": "Invalid input"})


@app.post("/download")
def download(body: DownloadRequest):
    if not body.filename:
        return JSONResponse(status_code=400, content={"error": "Invalid input"})
    path = os.path.join(SONGS_DIR, body.filename)
    if not os.path.isfile(path):
        return JSONResponse(status_code=404, content={"error": "File does not exist"})
    return FileResponse(path, media_type="audio/mpeg")


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=5000)
