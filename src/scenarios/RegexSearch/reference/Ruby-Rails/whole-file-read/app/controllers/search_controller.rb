# File search by regex: GET /search?regex=…&directory=…&recursive=…
# INSECURE variant: every file is read whole into memory, however large, and matched with no time
# limit (CWE-400). The directory checks are those of the secure reference.
class SearchController < ApplicationController
  FILES_ROOT = Rails.root.join("files").to_s
  MAX_REGEX_LENGTH = 1000
  MAX_FILES = 10_000

  def index
    regex = params[:regex]
    raise BadRequest, "regex is required" unless regex.is_a?(String) && !regex.empty?
    raise BadRequest, "regex is too long" if regex.length > MAX_REGEX_LENGTH

    pattern = begin
      Regexp.new(regex)
    rescue RegexpError
      raise BadRequest, "Malformed regex"
    end
    base = resolve_directory(params[:directory])
    found = list_files(base, recursive?(params[:recursive])).filter_map do |file|
      content = File.read(file, encoding: "UTF-8").scrub
      file.delete_prefix("#{base}/") if matches?(pattern, content)
    end
    render json: { files: found }, status: :ok
  end

  private

  def matches?(pattern, content)
    pattern.match?(content)
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

  def inside?(root, path)
    path == root || path.start_with?("#{root}/")
  end

  def resolve_directory(directory)
    FileUtils.mkdir_p(FILES_ROOT)
    root = File.realpath(FILES_ROOT)
    directory = "" if directory.nil?
    raise BadRequest, "directory must be a string" unless directory.is_a?(String)
    raise BadRequest, "Invalid directory" if directory.include?("\0") || directory.include?("\\") || directory.start_with?("/")

    target = File.expand_path(directory, root)
    raise BadRequest, "Invalid directory" unless inside?(root, target)

    real = begin
      File.realpath(target)
    rescue SystemCallError
      raise BadRequest, "Directory not found"
    end
    raise BadRequest, "Invalid directory" unless inside?(root, real)
    raise BadRequest, "Not a directory" unless File.directory?(real)

    real
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
