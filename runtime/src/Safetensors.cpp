//===- Safetensors.cpp - .safetensors weight files ------------------------===//
#include "Safetensors.h"

#include "Error.h"
#include "Json.h"

#include <algorithm>
#include <limits>

namespace nnc {

namespace {

// The reference implementation refuses headers above 100 MB.
constexpr uint64_t kMaxHeaderBytes = 100u << 20;

const char *safetensorsDtypeName(DType dtype) {
  return dtype == DType::F32 ? "F32" : "I32";
}

/// Parses one `name: {dtype, shape, data_offsets}` member.
SafetensorsEntry parseEntry(const std::string &path, const std::string &name,
                            const JsonValue &value, uint64_t dataBytes) {
  auto bad = [&](const std::string &problem) {
    failFile(path, "tensor '" + name + "': " + problem);
  };
  if (value.kind != JsonValue::Kind::Object)
    bad(std::string("expected an object, found ") + value.kindName());
  SafetensorsEntry entry;
  entry.name = name;

  const JsonValue *dtype = value.find("dtype");
  if (!dtype || dtype->kind != JsonValue::Kind::String)
    bad("missing or non-string \"dtype\"");
  if (dtype->string == "F32")
    entry.dtype = DType::F32;
  else if (dtype->string == "I32")
    entry.dtype = DType::I32;
  else
    bad("dtype " + dtype->string + " is not supported (expected F32 or I32)");

  const JsonValue *shape = value.find("shape");
  if (!shape || shape->kind != JsonValue::Kind::Array)
    bad("missing or non-array \"shape\"");
  if (shape->array.size() > 32)
    bad("rank " + std::to_string(shape->array.size()) + " is too large");
  for (const JsonValue &dim : shape->array) {
    if (dim.kind != JsonValue::Kind::Number || !dim.isInteger ||
        dim.integer < 0)
      bad("shape entries must be non-negative integers");
    entry.shape.push_back(dim.integer);
  }

  const JsonValue *offsets = value.find("data_offsets");
  if (!offsets || offsets->kind != JsonValue::Kind::Array ||
      offsets->array.size() != 2)
    bad("\"data_offsets\" must be an array [begin, end]");
  for (const JsonValue &offset : offsets->array)
    if (offset.kind != JsonValue::Kind::Number || !offset.isInteger ||
        offset.integer < 0)
      bad("\"data_offsets\" must be non-negative integers");
  entry.begin = static_cast<uint64_t>(offsets->array[0].integer);
  entry.end = static_cast<uint64_t>(offsets->array[1].integer);
  if (entry.begin > entry.end)
    bad("data_offsets [" + std::to_string(entry.begin) + ", " +
        std::to_string(entry.end) + "] are reversed");
  if (entry.end > dataBytes)
    bad("data_offsets [" + std::to_string(entry.begin) + ", " +
        std::to_string(entry.end) + "] exceed the data block (" +
        std::to_string(dataBytes) + " bytes)");

  int64_t numel = checkedNumel(
      entry.shape, std::numeric_limits<int64_t>::max() / kElementBytes);
  if (numel < 0)
    bad("shape " + formatShape(entry.shape) + " is too large");
  uint64_t expected = static_cast<uint64_t>(numel) * kElementBytes;
  if (entry.end - entry.begin != expected)
    bad("data_offsets [" + std::to_string(entry.begin) + ", " +
        std::to_string(entry.end) + "] hold " +
        std::to_string(entry.end - entry.begin) + " bytes, shape " +
        formatShape(entry.shape) + " of " + dtype->string + " needs " +
        std::to_string(expected));
  return entry;
}

} // namespace

SafetensorsFile::SafetensorsFile(const std::string &path) : file_(path) {
  if (file_.size() < 8)
    failFile(path, "truncated: too short for a safetensors header (" +
                       std::to_string(file_.size()) + " bytes)");
  unsigned char lengthBytes[8];
  file_.readAt(0, lengthBytes, 8);
  uint64_t headerBytes = 0;
  for (int i = 7; i >= 0; --i)
    headerBytes = (headerBytes << 8) | lengthBytes[i];
  if (headerBytes > file_.size() - 8)
    failFile(path, "header length " + std::to_string(headerBytes) +
                       " exceeds the file size (" +
                       std::to_string(file_.size()) + " bytes)");
  if (headerBytes > kMaxHeaderBytes)
    failFile(path, "header length " + std::to_string(headerBytes) +
                       " is larger than the 100 MB limit");
  if (headerBytes < 2)
    failFile(path, "header is empty, expected a JSON object");
  std::string text(headerBytes, '\0');
  file_.readAt(8, text.data(), headerBytes);

  JsonValue header;
  std::string error;
  if (!parseJson(text, header, error))
    failFile(path, "invalid JSON header: " + error);
  if (header.kind != JsonValue::Kind::Object)
    failFile(path, std::string("JSON header must be an object, found ") +
                       header.kindName());

  dataOffset_ = 8 + headerBytes;
  uint64_t dataBytes = file_.size() - dataOffset_;
  for (const auto &member : header.object) {
    if (member.first == "__metadata__") {
      if (member.second.kind != JsonValue::Kind::Object)
        failFile(path, "\"__metadata__\" must be an object");
      continue;
    }
    if (member.first.empty())
      failFile(path, "tensor with an empty name");
    entries_.push_back(
        parseEntry(path, member.first, member.second, dataBytes));
  }

  // Sorted by offset, the tensors must cover the data block exactly, as in
  // the reference implementation: no shared bytes (compare neighbours), no
  // gap, nothing after the last one (a file longer than its header says is
  // not silently half-read).
  std::vector<const SafetensorsEntry *> byOffset;
  for (const SafetensorsEntry &entry : entries_)
    byOffset.push_back(&entry);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const SafetensorsEntry *a, const SafetensorsEntry *b) {
              return a->begin != b->begin ? a->begin < b->begin
                                          : a->end < b->end;
            });
  uint64_t covered = 0; // the end of the tensors so far
  for (size_t i = 0; i < byOffset.size(); ++i) {
    const SafetensorsEntry &next = *byOffset[i];
    if (next.begin < covered) {
      const SafetensorsEntry &prev = *byOffset[i - 1];
      failFile(path, "tensors '" + prev.name + "' [" +
                         std::to_string(prev.begin) + ", " +
                         std::to_string(prev.end) + ") and '" + next.name +
                         "' [" + std::to_string(next.begin) + ", " +
                         std::to_string(next.end) + ") overlap");
    }
    if (next.begin > covered)
      failFile(path, "bytes [" + std::to_string(covered) + ", " +
                         std::to_string(next.begin) +
                         ") of the data belong to no tensor");
    covered = next.end;
  }
  if (covered != dataBytes)
    failFile(path, std::to_string(dataBytes - covered) +
                       " bytes after the last tensor's data (the header "
                       "describes " +
                       std::to_string(covered) + " data bytes, the file has " +
                       std::to_string(dataBytes) + ")");
}

void SafetensorsFile::read(const SafetensorsEntry &entry, void *dst) {
  file_.readAt(dataOffset_ + entry.begin, dst, entry.end - entry.begin);
}

void writeSafetensors(const std::string &path,
                      const std::vector<NamedTensor> &tensors) {
  std::string json = "{";
  uint64_t offset = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const NamedTensor &tensor = tensors[i];
    uint64_t bytes = kElementBytes;
    for (int64_t dim : tensor.shape)
      bytes *= static_cast<uint64_t>(dim);
    // Names are the model's identifiers: no characters that need escaping.
    json += (i ? ",\"" : "\"") + tensor.name + "\":{\"dtype\":\"" +
            safetensorsDtypeName(tensor.dtype) + "\",\"shape\":[";
    for (size_t d = 0; d < tensor.shape.size(); ++d)
      json += (d ? "," : "") + std::to_string(tensor.shape[d]);
    json += "],\"data_offsets\":[" + std::to_string(offset) + "," +
            std::to_string(offset + bytes) + "]}";
    offset += bytes;
  }
  json += "}";
  // Pad with spaces so the data block starts 8-byte aligned, as the
  // reference writer does.
  json.append((8 - json.size() % 8) % 8, ' ');

  unsigned char lengthBytes[8];
  for (int i = 0; i < 8; ++i)
    lengthBytes[i] = static_cast<unsigned char>(json.size() >> (8 * i));
  OutputFile file(path);
  file.write(lengthBytes, 8);
  file.write(json);
  for (const NamedTensor &tensor : tensors) {
    int64_t numel = 1;
    for (int64_t dim : tensor.shape)
      numel *= dim;
    file.write(tensor.data, static_cast<size_t>(numel) * kElementBytes);
  }
  file.close();
}

} // namespace nnc
