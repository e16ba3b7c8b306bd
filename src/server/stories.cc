#include "server/stories.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "index/segment.h"
#include "util/json.h"

namespace dateline::out {

namespace {

constexpr size_t kTopValues = 5;  // entities and places shown per story

using Member = StoryMember;
using Value = StoryValue;

std::string Day(int32_t d) { return Date::FromDays(d).ToString(); }

// Reads the live members of the story rooted at `root` (global number), earliest first.
Status ReadMembers(const IndexReader& index, const StoryGroups& g, const CopyGroups& copies,
                   uint32_t root, std::vector<Member>* out) {
  const std::vector<uint32_t>* m = g.Members(root);
  const std::vector<uint32_t> alone{root};
  for (uint32_t x : m ? *m : alone) {
    const auto [s, d] = g.Locate(x);
    const SegmentView& v = index.segments()[s];
    Member mem;
    DL_RETURN_IF_ERROR(v.reader->GetDocument(d, &mem.doc));
    mem.id = mem.doc.id;
    const auto [cs, cd] = copies.Locate(copies.Root(s, d));
    mem.copy_of = std::string(index.segments()[cs].reader->IdOf(cd));
    mem.first_day = v.reader->columns(d).first_day;
    mem.last_day = v.reader->columns(d).last_day;
    if (!mem.doc.annotations.empty()) {
      DecodeAnnotations(mem.doc.annotations, mem.doc.title, mem.doc.text, &mem.ann);
    }
    out->push_back(std::move(mem));
  }
  return Status::OK();
}

// The distinct entity ("E" + type + key) and place ("G" + id) keys of a member,
// with a display name and type each.
std::map<std::string, std::pair<std::string, std::string>> MemberKeys(const Member& m) {
  std::map<std::string, std::pair<std::string, std::string>> keys;
  for (const FieldAnnotations* f : {&m.ann.title, &m.ann.text}) {
    for (const Entity& e : f->entities) {
      const std::string type(EntityTypeName(e.type));
      keys.emplace("E" + type + e.key, std::make_pair(e.text, type));
    }
    for (const Place& p : f->places) {
      if (p.geonames_id != 0) {
        keys.emplace("G" + std::to_string(p.geonames_id), std::make_pair(p.name, "place"));
      }
    }
  }
  return keys;
}

// Counts the members having each key; fills entities and places (top kTopValues).
std::map<std::string, size_t> CountKeys(Story* st) {
  std::map<std::string, size_t> count;
  std::map<std::string, Value> values;
  for (const Member& m : st->members) {
    for (const auto& [key, dt] : MemberKeys(m)) {
      ++count[key];
      Value& v = values[key];
      v.key = key.substr(key[0] == 'G' ? 1 : 1 + dt.second.size());
      v.display = dt.first, v.type = dt.second, ++v.documents;
    }
  }
  std::vector<Value> all;
  for (auto& [k, v] : values) all.push_back(std::move(v));
  std::stable_sort(all.begin(), all.end(),
                   [](const Value& a, const Value& b) { return a.documents > b.documents; });
  for (Value& v : all) {
    std::vector<Value>& to = v.type == "place" ? st->places : st->entities;
    if (to.size() < kTopValues) to.push_back(std::move(v));
  }
  return count;
}

// The title: of the members in the story's most common language with a title,
// the most central one (whose entities and places occur in most other members),
// earliest on ties; else any titled member; else the start of the first text.
void ChooseTitle(const std::map<std::string, size_t>& count, Story* st) {
  const std::string& lang = st->languages.empty() ? "" : st->languages[0].first;
  double best = -1;
  for (int pass = 0; pass < 2 && best < 0; ++pass) {
    for (const Member& m : st->members) {
      if (m.doc.title.empty() || (pass == 0 && m.doc.lang != lang)) continue;
      double c = 0;
      for (const auto& kv : MemberKeys(m)) c += static_cast<double>(count.at(kv.first) - 1);
      if (c > best) best = c, st->title = m.doc.title, st->title_id = m.id;
    }
  }
  if (best < 0 && !st->members.empty()) {
    const std::string& text = st->members[0].doc.text;
    size_t cut = std::min<size_t>(text.size(), 80);
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;  // not inside a UTF-8 sequence
    }
    st->title = text.substr(0, cut);
    st->title_id = st->members[0].id;
  }
}

void Summarize(Story* st) {
  std::map<std::string, size_t> langs;
  std::set<std::string> copy_roots, seen_sources;
  st->first_day = st->members.front().first_day;
  st->last_day = st->members.front().last_day;
  for (const Member& m : st->members) {
    ++langs[m.doc.lang];
    copy_roots.insert(m.copy_of);
    st->last_day = std::max(st->last_day, m.last_day);
    if (!m.doc.source.empty() && seen_sources.insert(m.doc.source).second) {
      st->sources.push_back(m.doc.source);
    }
  }
  st->reports = copy_roots.size();
  st->languages.assign(langs.begin(), langs.end());
  std::stable_sort(st->languages.begin(), st->languages.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  ChooseTitle(CountKeys(st), st);
}

std::string ValuesJson(const std::vector<Value>& values, bool place) {
  std::string o = "[";
  for (const Value& v : values) {
    if (o.size() > 1) o += ",";
    JsonObject j;
    if (place) {
      j.Num("geonames_id", std::atof(v.key.c_str()));
    } else {
      j.Str("key", v.key).Str("type", v.type);
    }
    o += j.Str("text", v.display).Num("documents", static_cast<double>(v.documents)).Finish();
  }
  return o + "]";
}

// Per story root (global number): the number of matching documents.
Status MatchingStories(const IndexReader& index, const StoryGroups& g,
                       const search::QueryNode& query, const search::SearchOptions& opt,
                       std::map<uint32_t, size_t>* out) {
  std::vector<std::vector<uint64_t>> sets;
  DL_RETURN_IF_ERROR(search::MatchingDocs(index, query, opt, &sets));
  for (size_t s = 0; s < sets.size(); ++s) {
    for (size_t w = 0; w < sets[s].size(); ++w) {
      for (uint64_t bits = sets[s][w]; bits; bits &= bits - 1) {
        const uint32_t d =
            static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
        ++(*out)[g.Root(s, d)];
      }
    }
  }
  return Status::OK();
}

}  // namespace

std::string StoryJson(const Story& st) {
  std::string langs = "[", sources = "[";
  for (const auto& [l, n] : st.languages) {
    if (langs.size() > 1) langs += ",";
    AppendJsonString(&langs, l);
  }
  for (const std::string& s : st.sources) {
    if (sources.size() > 1) sources += ",";
    AppendJsonString(&sources, s);
  }
  return JsonObject()
      .Str("id", st.id)
      .Str("title", st.title)
      .Str("title_id", st.title_id)
      .Str("first_date", Day(st.first_day))
      .Str("last_date", Day(st.last_day))
      .Raw("languages", langs + "]")
      .Num("documents", static_cast<double>(st.members.size()))
      .Num("matching", static_cast<double>(st.matching))
      .Num("reports", static_cast<double>(st.reports))
      .Raw("sources", sources + "]")
      .Raw("entities", ValuesJson(st.entities, false))
      .Raw("places", ValuesJson(st.places, true))
      .Finish();
}

std::string StoriesJson(const std::vector<Story>& stories) {
  std::string o = "[";
  for (const Story& st : stories) o += (o.size() > 1 ? "," : "") + StoryJson(st);
  return o + "]";
}

std::string StoryWithMembersJson(const Story& st) {
  std::string docs = "[";
  for (const Member& m : st.members) {
    if (docs.size() > 1) docs += ",";
    docs += JsonObject()
                .Str("id", m.id)
                .Str("date", m.doc.date.ToString())
                .Str("lang", m.doc.lang)
                .Str("source", m.doc.source)
                .Str("title", m.doc.title)
                .Str("copy_of", m.copy_of)
                .Finish();
  }
  std::string o = StoryJson(st);
  o.pop_back();
  return o + ",\"members\":" + docs + "]}";
}

Status ListStories(const IndexReader& index, const search::QueryNode& query,
                   const search::SearchOptions& opt, size_t limit, std::vector<Story>* out) {
  const StoryGroups* g;
  const CopyGroups* copies;
  DL_RETURN_IF_ERROR(index.Stories(&g));
  DL_RETURN_IF_ERROR(index.Copies(&copies));
  std::map<uint32_t, size_t> matching;
  DL_RETURN_IF_ERROR(MatchingStories(index, *g, query, opt, &matching));
  // Most matching documents first, then largest, then earliest root.
  std::vector<std::tuple<size_t, size_t, uint32_t>> order;
  for (const auto& [root, n] : matching) {
    const std::vector<uint32_t>* m = g->Members(root);
    order.emplace_back(n, m ? m->size() : 1, root);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(a)) <
           std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(b));
  });
  for (size_t i = 0; i < order.size() && i < limit; ++i) {
    Story st;
    st.matching = std::get<0>(order[i]);
    DL_RETURN_IF_ERROR(ReadMembers(index, *g, *copies, std::get<2>(order[i]), &st.members));
    st.id = st.members.front().id;
    Summarize(&st);
    out->push_back(std::move(st));
  }
  return Status::OK();
}

Status FindStory(const IndexReader& index, const std::string& id, Story* st) {
  const StoryGroups* g;
  const CopyGroups* copies;
  DL_RETURN_IF_ERROR(index.Stories(&g));
  DL_RETURN_IF_ERROR(index.Copies(&copies));
  const auto& segs = index.segments();
  for (size_t s = segs.size(); s-- > 0;) {
    const uint32_t d = segs[s].reader->FindId(id);
    if (d == index::kNoDoc || segs[s].IsDeleted(d)) continue;
    DL_RETURN_IF_ERROR(ReadMembers(index, *g, *copies, g->Root(s, d), &st->members));
    st->id = st->members.front().id;
    Summarize(st);
    return Status::OK();
  }
  return Status::NotFound("no document with id '" + id + "'");
}

}  // namespace dateline::out
