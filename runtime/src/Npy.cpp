//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Layout: "\x93NUMPY", major, minor, header length (u16 LE for 1.0, u32 LE
// for 2.0/3.0), then a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a final '\n', then the raw data.
//
//===----------------------------------------------------------------------===//
#include "Npy.h"

#include "Error.h"
#include "FileIO.h"

#include <cstring>
#include <limits>

namespace nnc {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicBytes = 6;
// numpy itself refuses headers above 10000 bytes unless told otherwise; be a
// little more generous, but never trust a length field blindly.
constexpr uint64_t kMaxHeaderBytes = 1 << 20;

struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  Shape shape;
};

/// Parses the dict literal of a .npy header. Returns false with `error` set.
class NpyHeaderParser {
public:
  explicit NpyHeaderParser(const std::string &text) : text_(text) {}

  bool parse(NpyHeader &header, std::string &error) {
    bool sawDescr = false, sawOrder = false, sawShape = false;
    skipSpace();
    if (!consume('{'))
      return fail("expected '{'", error);
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseQuoted(key))
        return fail("expected a quoted key", error);
      skipSpace();
      if (!consume(':'))
        return fail("expected ':' after '" + key + "'", error);
      skipSpace();
      if (key == "descr") {
        if (sawDescr || !parseQuoted(header.descr))
          return fail("bad 'descr' (expected a dtype string such as '<f4')",
                      error);
        sawDescr = true;
      } else if (key == "fortran_order") {
        if (sawOrder || !parseBool(header.fortranOrder))
          return fail("bad 'fortran_order' (expected True or False)", error);
        sawOrder = true;
      } else if (key == "shape") {
        if (sawShape || !parseShape(header.shape))
          return fail("bad 'shape' (expected a tuple of non-negative ints)",
                      error);
        sawShape = true;
      } else {
        return fail("unexpected key '" + key + "'", error);
      }
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume('}'))
        break;
      return fail("expected ',' or '}'", error);
    }
    skipSpace();
    if (pos_ != text_.size())
      return fail("unexpected characters after the dict", error);
    if (!sawDescr || !sawOrder || !sawShape)
      return fail("missing key (needs 'descr', 'fortran_order', 'shape')",
                  error);
    return true;
  }

private:
  const std::string &text_;
  size_t pos_ = 0;

  bool fail(const std::string &what, std::string &error) {
    error = "malformed header: " + what;
    return false;
  }
  void skipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool consumeWord(const char *word) {
    size_t n = std::strlen(word);
    if (text_.compare(pos_, n, word) != 0)
      return false;
    pos_ += n;
    return true;
  }
  bool parseQuoted(std::string &out) {
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      return false;
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string::npos || end - pos_ > 64)
      return false;
    out = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
  }
  bool parseBool(bool &value) {
    if (consumeWord("True"))
      value = true;
    else if (consumeWord("False"))
      value = false;
    else
      return false;
    return true;
  }
  bool parseShape(Shape &shape) {
    if (!consume('('))
      return false;
    shape.clear();
    while (true) {
      skipSpace();
      if (consume(')'))
        return true;
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9')
        return false;
      int64_t dim = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        int digit = text_[pos_++] - '0';
        if (dim > (std::numeric_limits<int64_t>::max() - digit) / 10)
          return false;
        dim = dim * 10 + digit;
      }
      if (shape.size() >= 32)
        return false;
      shape.push_back(dim);
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume(')'))
        // (3) is not a tuple in Python, but numpy accepts it too.
        return true;
      return false;
    }
  }
};

std::string shapeAsTuple(const Shape &shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    text += std::to_string(shape[i]);
    text += (shape.size() == 1 || i + 1 < shape.size()) ? "," : "";
    if (i + 1 < shape.size())
      text += " ";
  }
  return text + ")";
}

DType dtypeFromDescr(const std::string &path, const std::string &descr) {
  if (descr == "<f4")
    return DType::F32;
  if (descr == "<i4")
    return DType::I32;
  if (descr == ">f4" || descr == ">i4")
    failFile(path, "big-endian dtype '" + descr +
                       "' is not supported (expected '<f4' or '<i4')");
  failFile(path, "dtype '" + descr +
                     "' is not supported (expected '<f4' float32 or '<i4' "
                     "int32; convert with .astype)");
}

} // namespace

HostTensor readNpy(const std::string &path) {
  InputFile file(path);
  unsigned char preamble[12];
  if (file.size() < 10)
    failFile(path, "truncated: too short for a .npy header (" +
                       std::to_string(file.size()) + " bytes)");
  file.readAt(0, preamble, 10);
  if (std::memcmp(preamble, kMagic, kMagicBytes) != 0)
    failFile(path, "not a .npy file (bad magic string)");
  int major = preamble[6], minor = preamble[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    failFile(path, "unsupported .npy version " + std::to_string(major) + "." +
                       std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)");
  uint64_t preambleBytes = major == 1 ? 10 : 12;
  uint64_t headerBytes;
  if (major == 1) {
    headerBytes = preamble[8] | (uint64_t(preamble[9]) << 8);
  } else {
    if (file.size() < 12)
      failFile(path, "truncated: too short for a .npy header");
    file.readAt(10, preamble + 10, 2);
    headerBytes = preamble[8] | (uint64_t(preamble[9]) << 8) |
                  (uint64_t(preamble[10]) << 16) |
                  (uint64_t(preamble[11]) << 24);
  }
  if (headerBytes > file.size() - preambleBytes)
    failFile(path, "header length " + std::to_string(headerBytes) +
                       " exceeds the file size (" +
                       std::to_string(file.size()) + " bytes)");
  if (headerBytes > kMaxHeaderBytes)
    failFile(path, "header length " + std::to_string(headerBytes) +
                       " is implausibly large");
  std::string text(headerBytes, '\0');
  file.readAt(preambleBytes, text.data(), headerBytes);

  NpyHeader header;
  std::string error;
  if (!NpyHeaderParser(text).parse(header, error))
    failFile(path, error);
  DType dtype = dtypeFromDescr(path, header.descr);
  if (header.fortranOrder)
    failFile(path, "fortran_order arrays are not supported (save a C-order "
                   "array, e.g. np.ascontiguousarray)");

  uint64_t dataOffset = preambleBytes + headerBytes;
  uint64_t dataBytes = file.size() - dataOffset;
  int64_t numel = checkedNumel(
      header.shape, std::numeric_limits<int64_t>::max() / kElementBytes);
  if (numel < 0)
    failFile(path, "shape " + shapeAsTuple(header.shape) + " is too large");
  uint64_t expectedBytes = static_cast<uint64_t>(numel) * kElementBytes;
  if (dataBytes < expectedBytes)
    failFile(path, "truncated data: shape " + shapeAsTuple(header.shape) +
                       " of '" + header.descr + "' needs " +
                       std::to_string(expectedBytes) + " bytes, file has " +
                       std::to_string(dataBytes));
  if (dataBytes > expectedBytes)
    failFile(path, "data is " + std::to_string(dataBytes) +
                       " bytes, more than the " +
                       std::to_string(expectedBytes) + " of shape " +
                       shapeAsTuple(header.shape));

  HostTensor tensor;
  tensor.dtype = dtype;
  tensor.shape = header.shape;
  tensor.buffer = AlignedBuffer(expectedBytes);
  file.readAt(dataOffset, tensor.buffer.data(), expectedBytes);
  return tensor;
}

void writeNpy(const std::string &path, DType dtype, const Shape &shape,
              const void *data) {
  std::string dict =
      std::string("{'descr': '") + (dtype == DType::F32 ? "<f4" : "<i4") +
      "', 'fortran_order': False, 'shape': " + shapeAsTuple(shape) + ", }";
  // Pad with spaces so that magic + version + length + dict + '\n' is a
  // multiple of 64 bytes (numpy >= 1.9 does the same; data stays aligned).
  size_t unpadded = kMagicBytes + 2 + 2 + dict.size() + 1;
  size_t padding = (64 - unpadded % 64) % 64;
  std::string header = dict + std::string(padding, ' ') + "\n";
  if (header.size() > 0xFFFF)
    failFile(path, "shape too long for a version 1.0 header");

  std::string preamble(kMagic, kMagicBytes);
  preamble += '\x01';
  preamble += '\x00';
  preamble += static_cast<char>(header.size() & 0xFF);
  preamble += static_cast<char>(header.size() >> 8);

  int64_t numel = 1;
  for (int64_t dim : shape)
    numel *= dim;
  OutputFile file(path);
  file.write(preamble);
  file.write(header);
  file.write(data, static_cast<size_t>(numel) * kElementBytes);
  file.close();
}

} // namespace nnc
