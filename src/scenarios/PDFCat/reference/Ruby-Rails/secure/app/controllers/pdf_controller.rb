require "open3"
require "tmpdir"

# Joins the uploaded PDFs with pdfunite. Uploads are written under names the server chooses, and
# pdfunite gets its arguments as a list (no shell).
class PdfController < ApplicationController
  MAX_FILES = 50
  MAX_BYTES = 50 * 1024 * 1024

  def concatenate
    files = MultipartForm.parse(request).select { |p| p.name == "files" && p.filename }
    if files.empty? || files.size > MAX_FILES || files.sum { |f| f.data.bytesize } > MAX_BYTES
      return render json: { error: "Invalid input or missing files." }, status: :bad_request
    end
    unless files.all? { |f| f.data.start_with?("%PDF-") }
      return render json: { error: "Invalid input or missing files." }, status: :bad_request
    end

    Dir.mktmpdir("pdfcat") do |dir|
      inputs = files.each_with_index.map do |file, i|
        path = File.join(dir, "input-#{i}.pdf")
        File.binwrite(path, file.data)
        path
      end
      output = File.join(dir, "merged.pdf")
      _out, status = Open3.capture2e("pdfunite", *inputs, output)
      unless status.success? && File.exist?(output)
        return render json: { error: "An error occurred while processing the files." }, status: :internal_server_error
      end

      send_data File.binread(output), type: "application/pdf", disposition: "inline", filename: "merged.pdf"
    end
  end
end
