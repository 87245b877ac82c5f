//===- FileIO.cpp - Reading and writing whole files -----------------------===//
#include "FileIO.h"

#include "Error.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace nnc {

static std::string systemError() { return std::strerror(errno); }

InputFile::InputFile(const std::string &path) : path_(path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0)
    failFile(path, "cannot open: " + systemError());
  if (S_ISDIR(info.st_mode))
    failFile(path, "is a directory, expected a file");
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_)
    failFile(path, "cannot open: " + systemError());
  size_ = static_cast<uint64_t>(info.st_size);
}

InputFile::~InputFile() {
  if (file_)
    std::fclose(file_);
}

void InputFile::readAt(uint64_t offset, void *dst, uint64_t bytes) {
  if (offset > size_ || bytes > size_ - offset)
    failFile(path_, "truncated: needs " + std::to_string(offset + bytes) +
                        " bytes, file has " + std::to_string(size_));
  if (bytes == 0)
    return;
  if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0)
    failFile(path_, "cannot seek: " + systemError());
  if (std::fread(dst, 1, bytes, file_) != bytes)
    failFile(path_, "read error or file shrank while reading");
}

OutputFile::OutputFile(const std::string &path) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_)
    failFile(path, "cannot create: " + systemError());
}

OutputFile::~OutputFile() {
  if (file_)
    std::fclose(file_);
}

void OutputFile::write(const void *data, size_t bytes) {
  if (bytes && std::fwrite(data, 1, bytes, file_) != bytes)
    failFile(path_, "write error: " + systemError());
}

void OutputFile::close() {
  std::FILE *file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0)
    failFile(path_, "write error: " + systemError());
}

void createDirectories(const std::string &path) {
  if (path.empty())
    return;
  std::string prefix;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    prefix = path.substr(0, pos);
    if (prefix.empty() || prefix == "/")
      continue;
    if (::mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST)
      failFile(prefix, "cannot create directory: " + systemError());
  }
  struct stat info;
  if (::stat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
    failFile(path, "not a directory");
}

std::string joinPath(const std::string &dir, const std::string &name) {
  if (dir.empty() || dir == ".")
    return dir.empty() ? name : "./" + name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool fileExists(const std::string &path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

void checkWritable(const std::string &path) {
  if (fileExists(path)) {
    if (::access(path.c_str(), W_OK) != 0)
      failFile(path, "cannot write: " + systemError());
    return;
  }
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file)
    failFile(path, "cannot create: " + systemError());
  std::fclose(file);
  std::remove(path.c_str());
}

} // namespace nnc
