#include "quotedb/status.h"

namespace quotedb {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: name = "NotFound"; break;
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kIOError: name = "IO error"; break;
    case Code::kBusy: name = "Busy"; break;
    case Code::kNotSupported: name = "Not supported"; break;
  }
  return std::string(name) + ": " + msg_;
}

}  // namespace quotedb
