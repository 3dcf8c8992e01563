// ForEachArticle: one ordered pass over the articles column family (exports).
#include "store/db_impl.h"

namespace quotedb::store {

Status DBImpl::ForEachArticle(const std::function<bool(const Article&)>& fn) {
  View view(this);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(view.ro(), handles_[kArticles]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Article a;
    if (!schema::DecodeArticle(std::string_view(it->value().data(), it->value().size()), &a))
      return CorruptValue(kArticles, std::string(it->key().data(), it->key().size()));
    if (!fn(a)) return Status::OK();
  }
  return Conv(it->status());
}

}  // namespace quotedb::store
