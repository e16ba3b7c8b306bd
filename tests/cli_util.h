// Shared helpers of the end-to-end tests that run the dateline binary (cli_test, crash_test,
// malformed_input_test): process running with fork/execve (no shell, stdin fed, stdout/stderr
// captured), temporary directories, and parsing of the tool's text and JSON output.
// Needs the DL_BINARY compile definition (path of the dateline executable).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

extern char** environ;

namespace dateline::testing::cli {

inline const std::string kBinary = DL_BINARY;

// ---------------------------------------------------------------------------
// Process helper.

struct RunResult {
  int code = -1;    // exit code, or -1 when killed by a signal
  int signal = 0;   // terminating signal, 0 when exited normally
  std::string out;  // stdout
  std::string err;  // stderr
};

using Env = std::vector<std::pair<std::string, std::string>>;

// Environment of the child: ours without DATELINE_INDEX, plus `extra`.
inline std::vector<std::string> ChildEnv(const Env& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv = *e;
    const std::string name = kv.substr(0, kv.find('='));
    if (name == "DATELINE_INDEX") continue;
    bool overridden = false;
    for (const auto& [k, v] : extra) overridden |= k == name;
    if (!overridden) env.push_back(kv);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

inline std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> p;
  for (auto& s : v) p.push_back(s.data());
  p.push_back(nullptr);
  return p;
}

inline void DecodeStatus(int status, RunResult* r) {
  if (WIFEXITED(status)) {
    r->code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r->signal = WTERMSIG(status);
  }
}

// Runs the dateline binary with `args` (argv[1..]) and waits for it. `in` is fed to its
// stdin, `env` adds or overrides environment variables, `cwd` (if set) is its directory.
inline RunResult Dl(const std::vector<std::string>& args, const std::string& in = "",
                    const Env& env = {}, const std::string& cwd_dir = "") {
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> argv = {kBinary};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> envs = ChildEnv(env);
  std::vector<char*> cargv = CStrings(argv), cenv = CStrings(envs);
  int pin[2], out[2], err[2];
  if (::pipe2(pin, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
      ::pipe2(err, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe: " << std::strerror(errno);
    return {};
  }
  const char* cwd = cwd_dir.empty() ? nullptr : cwd_dir.c_str();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pin[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    if (cwd != nullptr && ::chdir(cwd) != 0) ::_exit(126);
    ::execve(cargv[0], cargv.data(), cenv.data());
    ::_exit(127);
  }
  ::close(pin[0]);
  ::close(out[1]);
  ::close(err[1]);
  RunResult r;
  size_t written = 0;
  int in_fd = pin[1];
  if (in.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0 || in_fd >= 0) {
    pollfd p[3];
    int n = 0;
    if (out[0] >= 0) p[n++] = {out[0], POLLIN, 0};
    if (err[0] >= 0) p[n++] = {err[0], POLLIN, 0};
    if (in_fd >= 0) p[n++] = {in_fd, POLLOUT, 0};
    if (::poll(p, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (p[i].revents == 0) continue;
      if (p[i].fd == in_fd) {
        ssize_t w = ::write(in_fd, in.data() + written, in.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == in.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t k = ::read(p[i].fd, buf, sizeof buf);
      if (k > 0) {
        (p[i].fd == out[0] ? r.out : r.err).append(buf, static_cast<size_t>(k));
      } else if (k == 0 || errno != EINTR) {
        ::close(p[i].fd);
        (p[i].fd == out[0] ? out[0] : err[0]) = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  DecodeStatus(status, &r);
  return r;
}

// A running dateline process whose stdin is a pipe we hold; its output goes to files.
struct Child {
  pid_t pid = -1;
  int stdin_fd = -1;
  std::string out_path, err_path;
};

inline Child Spawn(const std::vector<std::string>& args, const std::string& log_prefix,
                   const Env& env = {}) {
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> argv = {kBinary};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> envs = ChildEnv(env);
  std::vector<char*> cargv = CStrings(argv), cenv = CStrings(envs);
  Child c;
  c.out_path = log_prefix + ".out";
  c.err_path = log_prefix + ".err";
  int in[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return c;
  const int out_fd = ::open(c.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err_fd = ::open(c.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execve(cargv[0], cargv.data(), cenv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out_fd);
  ::close(err_fd);
  c.pid = pid;
  c.stdin_fd = in[1];
  return c;
}

inline RunResult WaitChild(Child* c) {
  if (c->stdin_fd >= 0) ::close(c->stdin_fd);
  c->stdin_fd = -1;
  int status = 0;
  while (::waitpid(c->pid, &status, 0) < 0 && errno == EINTR) {
  }
  RunResult r;
  DecodeStatus(status, &r);
  std::ifstream o(c->out_path), e(c->err_path);
  std::stringstream so, se;
  so << o.rdbuf();
  se << e.rdbuf();
  r.out = so.str();
  r.err = se.str();
  return r;
}

inline std::string Describe(const RunResult& r) {
  return "exit " + std::to_string(r.code) + " signal " + std::to_string(r.signal) +
         "\n--- stdout ---\n" + r.out.substr(0, 2000) + "\n--- stderr ---\n" +
         r.err.substr(0, 2000);
}

// ---------------------------------------------------------------------------
// Temp dirs, files, output parsing.

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dateline-cli-XXXXXX").string();
    char* p = ::mkdtemp(tmpl.data());
    if (p == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& data) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream f(path, std::ios::binary);
  f << data;
}

inline std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

struct Summary {
  long long read = -1, indexed = -1, replaced = -1, rejected = -1, repaired = -1;
};

// Parses "read R, indexed I (P replaced older versions), rejected J, repaired K ...".
inline bool ParseSummary(const std::string& out, Summary* s) {
  for (const auto& line : Lines(out)) {
    if (std::sscanf(line.c_str(),
                    "read %lld, indexed %lld (%lld replaced older versions), rejected %lld, "
                    "repaired %lld",
                    &s->read, &s->indexed, &s->replaced, &s->rejected, &s->repaired) == 5) {
      return true;
    }
  }
  return false;
}

// Parsed JSON document kept alive with its parser.
struct Json {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool ok = false;
  explicit Json(const std::string& text) {
    ok = parser.parse(text.data(), text.size()).get(root) == simdjson::SUCCESS;
  }
};

inline int64_t GetInt(simdjson::dom::element e, const char* key) {
  int64_t v = -1;
  if (e[key].get(v) != simdjson::SUCCESS) {
    uint64_t u;
    if (e[key].get(u) == simdjson::SUCCESS) v = static_cast<int64_t>(u);
  }
  return v;
}

inline std::string GetStr(simdjson::dom::element e, const char* key) {
  std::string_view sv;
  if (e[key].get(sv) != simdjson::SUCCESS) return "<missing>";
  return std::string(sv);
}

inline bool HasKey(simdjson::dom::element e, const char* key) {
  simdjson::dom::object o;
  if (e.get(o) != simdjson::SUCCESS) return false;
  simdjson::dom::element v;
  return o[key].get(v) == simdjson::SUCCESS;
}

// True if stderr looks like a crash or an uncaught exception rather than a message.
inline bool LooksLikeCrash(const RunResult& r) {
  return r.signal != 0 || r.err.find("terminate called") != std::string::npos ||
         r.err.find("what():") != std::string::npos || r.err.find("Aborted") != std::string::npos ||
         r.err.find("Segmentation") != std::string::npos ||
         r.err.find("AddressSanitizer") != std::string::npos;
}

}  // namespace dateline::testing::cli
