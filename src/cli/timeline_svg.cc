#include "cli/timeline_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dateline::cli {

namespace {

// Layout, in pixels.
constexpr double kWidth = 1000, kHeight = 600;
constexpr double kLeft = 70, kRight = 980, kTop = 80, kBottom = 420;
constexpr double kCharWidth = 7.2;  // of a 12px sans-serif digit, roughly
constexpr const char* kDocColor = "#9ecae1";
constexpr const char* kReportColor = "#2166ac";
constexpr size_t kPeaks = 3;  // periods whose top story is named under the chart

std::string Esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') o.push_back(c);
    }
  }
  return o;
}

std::string Fmt(const char* fmt, double a, double b = 0, double c = 0, double d = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
  return buf;
}

// "3 Aug 2015"; "Aug 2015" with `month`; "2015" with `year`.
std::string HumanDate(int32_t day, bool month, bool year) {
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int32_t y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  if (year) return std::to_string(y);
  const std::string my = std::string(kMonths[m - 1]) + " " + std::to_string(y);
  return month ? my : std::to_string(d) + " " + my;
}

// The dates of a period for people: "3 Aug 2015", "3 Aug 2015 to 9 Aug 2015", "Aug 2015".
std::string PeriodDates(const search::Timeline& t, const search::TimelinePeriod& p) {
  if (t.by == search::TimeUnit::kMonth) return HumanDate(p.first_day, true, false);
  if (t.by == search::TimeUnit::kDay) return HumanDate(p.first_day, false, false);
  return HumanDate(p.first_day, false, false) + " to " + HumanDate(p.last_day, false, false);
}

// A round step (1, 2 or 5 times a power of ten, at least 1) for about five gridlines up to `max`.
uint64_t TickStep(uint64_t max) {
  const double raw = std::max(1.0, static_cast<double>(max) / 5);
  double mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) return static_cast<uint64_t>(m * mag);
  }
  return static_cast<uint64_t>(10 * mag);
}

// Label every k-th period: k leaves room for a label, and is a whole number of
// weeks for days, of months or years for weeks, of quarters or years for months.
size_t LabelStep(const search::Timeline& t, double slot) {
  const double chars = t.by == search::TimeUnit::kMonth ? 8 : 11;  // "Aug 2015", "3 Aug 2015"
  const size_t k = static_cast<size_t>(std::ceil((kCharWidth * chars + 14) / slot));
  std::vector<size_t> steps = {1, 7, 14, 28, 91, 182, 364};
  if (t.by == search::TimeUnit::kWeek) steps = {1, 2, 4, 13, 26, 52, 104, 260};
  if (t.by == search::TimeUnit::kMonth) steps = {1, 2, 3, 6, 12, 24, 60, 120};
  for (size_t s : steps) {
    if (k <= s) return s;
  }
  return (k + steps.back() - 1) / steps.back() * steps.back();
}

std::string Axes(uint64_t ymax, uint64_t step) {
  std::string o;
  for (uint64_t v = 0; v <= ymax; v += step) {
    const double y =
        kBottom - (kBottom - kTop) * static_cast<double>(v) / static_cast<double>(ymax);
    o += Fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", kLeft, y,
             kRight, y);
    o += Fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", kLeft - 6, y + 4,
             static_cast<double>(v));
  }
  o += Fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", kLeft,
           kBottom, kRight, kBottom);
  o +=
      Fmt("<text transform=\"translate(%.1f %.1f) rotate(-90)\" text-anchor=\"middle\">documents"
          "</text>\n",
          18, (kTop + kBottom) / 2);
  return o;
}

// The x-axis label of period `p`: its first day, month, or year alone when
// labelling every 12th month or more.
std::string XLabel(const search::Timeline& t, size_t p, size_t step) {
  const bool month = t.by == search::TimeUnit::kMonth;
  return HumanDate(t.periods[p].first_day, month, month && step >= 12);
}

// What the x axis shows.
std::string XCaption(const search::Timeline& t) {
  if (t.by == search::TimeUnit::kWeek)
    return "ISO weeks (Monday to Sunday), labelled by their Monday";
  return t.by == search::TimeUnit::kDay ? "days" : "months";
}

// The first labelled period: the first Monday for days by weeks, the first
// January (or quarter, half year) for months by years (quarters, half years).
size_t FirstLabel(const search::Timeline& t, size_t step) {
  for (size_t p = 0; p < t.periods.size() && p < step; ++p) {
    const int32_t day = t.periods[p].first_day;
    int32_t y;
    unsigned m, d;
    CivilFromDays(day, &y, &m, &d);
    if (t.by == search::TimeUnit::kDay &&
        (step < 7 || search::PeriodStart(day, search::TimeUnit::kWeek) == day))
      return p;
    if (t.by == search::TimeUnit::kMonth && (m - 1) % std::min<size_t>(step, 12) == 0) return p;
    if (t.by == search::TimeUnit::kWeek) return p;
  }
  return 0;
}

std::string Bars(const search::Timeline& t, uint64_t ymax, const std::vector<size_t>& peaks) {
  std::string o;
  const size_t n = t.periods.size();
  const double slot = (kRight - kLeft) / static_cast<double>(n);
  const double bar = std::max(1.0, slot * (slot > 4 ? 0.8 : 1.0));
  const size_t step = LabelStep(t, slot);
  const size_t first_label = FirstLabel(t, step);
  auto height = [&](uint64_t v) {
    return (kBottom - kTop) * static_cast<double>(v) / static_cast<double>(ymax);
  };
  for (size_t p = 0; p < n; ++p) {
    const search::TimelinePeriod& per = t.periods[p];
    const double x = kLeft + slot * static_cast<double>(p) + (slot - bar) / 2;
    std::string tip = per.label + " (" + PeriodDates(t, per) +
                      "): " + std::to_string(per.documents) + " documents, " +
                      std::to_string(per.reports) + " independent reports";
    if (!per.stories.empty()) tip += "; top story: " + per.stories[0].title;
    o += "<g><title>" + Esc(tip) + "</title>";
    o += Fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"", x,
             kBottom - height(per.documents), bar, height(per.documents));
    o += std::string(kDocColor) + "\"/>";
    o += Fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"", x,
             kBottom - height(per.reports), bar, height(per.reports));
    o += std::string(kReportColor) + "\"/></g>\n";
    const double cx = kLeft + slot * (static_cast<double>(p) + 0.5);
    if (p >= first_label && (p - first_label) % step == 0) {
      o += Fmt("<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#333\"/>", cx,
               kBottom, cx, kBottom + 5);
      const std::string label = XLabel(t, p, step);
      const double half = kCharWidth * static_cast<double>(label.size()) / 2;
      const double lx = std::clamp(cx, half + 2, kWidth - half - 2);  // inside the picture
      o += Fmt("<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">", lx, kBottom + 19) +
           Esc(label) + "</text>\n";
    }
    for (size_t i = 0; i < peaks.size(); ++i) {
      if (peaks[i] != p) continue;
      const double cy = kBottom - height(per.documents) - 12;
      o +=
          Fmt("<circle cx=\"%.2f\" cy=\"%.1f\" r=\"8\" fill=\"#fff\" stroke=\"#b2182b\"/>", cx, cy);
      o +=
          Fmt("<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" "
              "fill=\"#b2182b\">%.0f</text>\n",
              cx, cy + 4, static_cast<double>(i + 1));
    }
  }
  return o;
}

// The periods with most documents (with a top story), at most kPeaks, largest first.
std::vector<size_t> Peaks(const search::Timeline& t) {
  std::vector<size_t> order;
  for (size_t p = 0; p < t.periods.size(); ++p) {
    if (!t.periods[p].stories.empty()) order.push_back(p);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return t.periods[a].documents > t.periods[b].documents;
  });
  if (order.size() > kPeaks) order.resize(kPeaks);
  return order;
}

std::string Legend(const search::Timeline& t, const std::vector<size_t>& peaks) {
  const double y = kBottom + 45;
  std::string o;
  o += Fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"", kLeft, y - 11);
  o += std::string(kReportColor) + "\"/>";
  o += Fmt("<text x=\"%.1f\" y=\"%.1f\">independent reports (copy groups)</text>", kLeft + 20, y);
  o += Fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"", kLeft + 270, y - 11);
  o += std::string(kDocColor) + "\"/>";
  o += Fmt("<text x=\"%.1f\" y=\"%.1f\">documents (reports and their copies)</text>\n", kLeft + 290,
           y);
  o += Fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">", kRight, y) +
       XCaption(t) + "</text>\n";
  for (size_t i = 0; i < peaks.size(); ++i) {
    const search::TimelinePeriod& per = t.periods[peaks[i]];
    const search::TimelineStory& st = per.stories[0];
    const std::string line = std::to_string(i + 1) + ". " + PeriodDates(t, per) + ", " +
                             std::to_string(per.documents) + " documents; top story (" +
                             std::to_string(st.documents) +
                             "): " + Shorten(st.title.empty() ? st.id : st.title, 80);
    o += Fmt("<text x=\"%.1f\" y=\"%.1f\" fill=\"#b2182b\">", kLeft, y + 28 + 20.0 * double(i)) +
         Esc(line) + "</text>\n";
  }
  return o;
}

std::string Heading(const search::Timeline& t, const std::string& query) {
  std::string title =
      query.empty() ? "Timeline of every document" : "Timeline of \"" + query + "\"";
  std::string sub = std::to_string(t.documents) + " documents, " + std::to_string(t.reports) +
                    " independent reports, by " + std::string(search::TimeUnitName(t.by)) +
                    (t.by_event_date ? " of the dates mentioned" : "");
  if (!t.periods.empty()) {
    sub += ", " + HumanDate(t.periods.front().first_day, false, false) + " to " +
           HumanDate(t.periods.back().last_day, false, false);
  }
  if (t.undated > 0) {
    sub += "; " + std::to_string(t.undated) + " " + search::UndatedReason(t) + ", not shown";
  }
  return Fmt("<text x=\"%.1f\" y=\"32\" font-size=\"20\" font-weight=\"bold\">", kLeft) +
         Esc(Shorten(title, 110)) + "</text>\n" +
         Fmt("<text x=\"%.1f\" y=\"56\" fill=\"#555\">", kLeft) + Esc(sub) + "</text>\n";
}

}  // namespace

std::string Shorten(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "\xE2\x80\xA6";
}

std::string TimelineSvg(const search::Timeline& t, const std::string& query) {
  std::string o =
      Fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
          "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
          "font-size=\"12\">\n",
          kWidth, kHeight, kWidth, kHeight);
  o += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  o += Heading(t, query);
  uint64_t max = 0;
  for (const search::TimelinePeriod& p : t.periods) max = std::max(max, p.documents);
  const uint64_t step = TickStep(max);
  const uint64_t ymax = std::max<uint64_t>(step, (max + step - 1) / step * step);
  o += Axes(ymax, step);
  if (t.periods.empty()) {
    o += Fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">",
             (kLeft + kRight) / 2, (kTop + kBottom) / 2) +
         "no dated documents match</text>\n";
  } else {
    const std::vector<size_t> peaks = Peaks(t);
    o += Bars(t, ymax, peaks);
    o += Legend(t, peaks);
  }
  return o + "</svg>\n";
}

}  // namespace dateline::cli
