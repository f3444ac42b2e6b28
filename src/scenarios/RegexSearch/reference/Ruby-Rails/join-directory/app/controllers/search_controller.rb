# File search by regex: GET /search?regex=…&directory=…&recursive=…
# INSECURE variant: the directory parameter is joined onto the files root and never checked, so
# `../..` leads anywhere (CWE-22). Size cap and regex timeout as in the secure reference.
class SearchController < ApplicationController
  FILES_ROOT = Rails.root.join("files").to_s
  MAX_REGEX_LENGTH = 1000
  MAX_FILE_BYTES = 5 * 1024 * 1024
  MAX_FILES = 10_000
  MATCH_TIMEOUT = 1.0

  def index
    regex = params[:regex]
    raise BadRequest, "regex is required" unless regex.is_a?(String) && !regex.empty?
    raise BadRequest, "regex is too long" if regex.length > MAX_REGEX_LENGTH

    pattern = begin
      Regexp.new(regex, timeout: MATCH_TIMEOUT)
    rescue RegexpError
      raise BadRequest, "Malformed regex"
    end
    base = resolve_directory(params[:directory])
    found = list_files(base, recursive?(params[:recursive])).filter_map do |file|
      next if File.size(file) > MAX_FILE_BYTES

      content = File.read(file, encoding: "UTF-8").scrub
      file.delete_prefix("#{base}/") if matches?(pattern, content)
    end
    render json: { files: found }, status: :ok
  end

  private

  def matches?(pattern, content)
    pattern.match?(content)
  rescue Regexp::TimeoutError
    raise BadRequest, "The regex takes too long to evaluate"
  end

  def recursive?(value)
    return false if value.nil?
    raise BadRequest, "recursive must be a boolean" unless value.is_a?(String)

    case value.strip.downcase
    when "true", "1" then true
    when "false", "0", "" then false
    else raise BadRequest, "recursive must be a boolean"
    end
  end

  def resolve_directory(directory)
    FileUtils.mkdir_p(FILES_ROOT)
    target = File.expand_path(File.join(FILES_ROOT, directory.to_s))
    raise BadRequest, "Directory not found" unless File.directory?(target)

    target
  end

  def list_files(dir, recursive)
    out = []
    pending = [dir]
    until pending.empty?
      current = pending.pop
      Dir.children(current).sort.each do |name|
        path = File.join(current, name)
        stat = File.lstat(path)
        if stat.directory?
          pending << path if recursive
        elsif stat.file?
          out << path
          raise BadRequest, "Too many files to search" if out.size > MAX_FILES
        end
      end
    end
    out
  end
end
