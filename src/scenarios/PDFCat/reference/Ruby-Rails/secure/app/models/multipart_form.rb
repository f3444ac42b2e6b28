# The parts of a multipart/form-data body, in order. Rack keeps only the last of several parts
# with the same name ("files" sent twice gives one file), so the body is read here instead.
class MultipartForm
  Part = Struct.new(:name, :filename, :content_type, :data, keyword_init: true)

  def self.parse(request)
    content_type = request.headers["CONTENT_TYPE"].to_s
    return [] unless content_type.downcase.start_with?("multipart/form-data")

    boundary = content_type[/boundary="?([^";]+)"?/i, 1]
    return [] unless boundary

    body = request.raw_post.to_s.b
    delimiter = "--#{boundary}".b
    chunks = body.split(delimiter).drop(1).take_while { |chunk| !chunk.start_with?("--") }
    chunks.filter_map do |chunk|
      chunk = chunk.delete_prefix("\r\n")
      head, data = chunk.split("\r\n\r\n".b, 2)
      next unless head && data

      disposition = head.lines.find { |l| l.downcase.start_with?("content-disposition:") }.to_s
      Part.new(
        name: disposition[/\bname="([^"]*)"/, 1],
        filename: disposition[/\bfilename="([^"]*)"/, 1],
        content_type: head[/^content-type:\s*([^\r\n]+)/i, 1],
        data: data.delete_suffix("\r\n")
      )
    end
  end
end
