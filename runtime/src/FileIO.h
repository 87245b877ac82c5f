//===- FileIO.h - Reading and writing whole files --------------*- C++ -*-===//
//
// Thin wrappers over stdio that turn every failure into an Error naming the
// file. Readers ask for the size first so that no header can make them read
// (or allocate) past the end of the file.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_FILEIO_H
#define NNC_RUNTIME_FILEIO_H

#include <cstdint>
#include <cstdio>
#include <string>

namespace nnc {

/// A file opened for reading; closes itself.
class InputFile {
public:
  explicit InputFile(const std::string &path);
  ~InputFile();
  InputFile(const InputFile &) = delete;
  InputFile &operator=(const InputFile &) = delete;

  const std::string &path() const { return path_; }
  uint64_t size() const { return size_; }
  /// Reads exactly `bytes` bytes at `offset`; the caller has checked that
  /// the range lies inside the file, so a short read is an I/O error.
  void readAt(uint64_t offset, void *dst, uint64_t bytes);

private:
  std::string path_;
  std::FILE *file_ = nullptr;
  uint64_t size_ = 0;
};

/// A file opened for writing; `close()` reports late write errors.
class OutputFile {
public:
  explicit OutputFile(const std::string &path);
  ~OutputFile();
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;

  void write(const void *data, size_t bytes);
  void write(const std::string &text) { write(text.data(), text.size()); }
  void close();

private:
  std::string path_;
  std::FILE *file_ = nullptr;
};

/// mkdir -p; an Error naming the directory when it cannot be created.
void createDirectories(const std::string &path);
/// `dir/name`, without doubling the separator.
std::string joinPath(const std::string &dir, const std::string &name);
bool fileExists(const std::string &path);
/// Error naming `path` when it cannot be written; leaves no file behind.
void checkWritable(const std::string &path);

} // namespace nnc

#endif // NNC_RUNTIME_FILEIO_H
