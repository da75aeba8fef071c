# The reference figures for the forecast engine's tests, from R's forecast package: `Rscript forecastReference.R <series file> <output file>`.
# Each input line: name<TAB>season length<TAB>horizon<TAB>values (comma-separated) or dataset:<R dataset name>[<TAB>form, e.g. MAdA].
# Writes one JSON object per series: the data, ets() with its defaults (the chosen form, parameters, AICc,
# forecasts with 80/95 % intervals), each form's AICc, croston() (alpha 0.1 and 0.2) and naive()/snaive().
suppressMessages(library(forecast))

# forecast 8.20's class1() puts gamma one state too far when there is no trend; the engine uses the
# corrected index (upstream commit 84689588), so the reference does too.
class1_fixed <- function(h, last.state, trendtype, seasontype, damped, m, sigma2, par) {
  p <- length(last.state)
  H <- matrix(c(1, rep(0, p - 1)), nrow = 1)
  if (seasontype == "A") H[1, p] <- 1
  if (trendtype == "A") H[1, 2] <- if (damped) par["phi"] else 1
  F <- matrix(0, p, p)
  F[1, 1] <- 1
  if (trendtype == "A") F[1, 2] <- F[2, 2] <- if (damped) par["phi"] else 1
  if (seasontype == "A") {
    F[p - m + 1, p] <- 1
    F[(p - m + 2):p, (p - m + 1):(p - 1)] <- diag(m - 1)
  }
  G <- matrix(0, nrow = p, ncol = 1)
  G[1, 1] <- par["alpha"]
  if (trendtype == "A") G[2, 1] <- par["beta"]
  if (seasontype == "A") G[p - m + 1, 1] <- par["gamma"]
  mu <- numeric(h)
  Fj <- diag(p)
  cj <- numeric(h - 1)
  if (h > 1) {
    for (i in 1:(h - 1)) {
      mu[i] <- H %*% Fj %*% last.state
      cj[i] <- H %*% Fj %*% G
      Fj <- Fj %*% F
    }
    var <- sigma2 * c(1, 1 + cumsum(cj^2))
  } else {
    var <- sigma2
  }
  mu[h] <- H %*% Fj %*% last.state
  list(mu = mu, var = var, cj = cj)
}
assignInNamespace("class1", class1_fixed, ns = "forecast")

num <- function(x) {
  x <- as.numeric(x)
  paste0("[", paste(ifelse(is.finite(x), sprintf("%.17g", x), "null"), collapse = ","), "]")
}
str <- function(s) paste0("\"", s, "\"")
obj <- function(...) {
  parts <- list(...)
  paste0("{", paste(sprintf("\"%s\":%s", names(parts), unlist(parts)), collapse = ","), "}")
}
intervals <- function(fc) {
  obj(mean = num(fc$mean), lo80 = num(fc$lower[, 1]), hi80 = num(fc$upper[, 1]), lo95 = num(fc$lower[, 2]), hi95 = num(fc$upper[, 2]))
}

args <- commandArgs(trailingOnly = TRUE)
lines <- readLines(args[1])
out <- character(0)
for (line in lines) {
  f <- strsplit(line, "\t")[[1]]
  name <- f[1]; m <- as.integer(f[2]); h <- as.integer(f[3])
  y <- if (startsWith(f[4], "dataset:")) as.numeric(get(sub("dataset:", "", f[4]))) else as.numeric(strsplit(f[4], ",")[[1]])
  x <- ts(y, frequency = m)
  # An optional fifth field asks for one form (e.g. MAdA) instead of ets()'s choice.
  fit <- if (length(f) >= 5) ets(x, model = sub("d", "", f[5]), damped = grepl("d", f[5])) else ets(x)
  par <- fit$par[c("alpha", "beta", "gamma", "phi")]
  par <- par[!is.na(par)]
  fc <- forecast(fit, h = h, level = c(80, 95))
  forms <- character(0)
  for (e in c("A", "M")) for (t in c("N", "A")) for (s in c("N", "A", "M")) for (d in c(TRUE, FALSE)) {
    if (t == "N" && d) next
    if (e == "A" && s == "M") next
    if (e == "M" && min(y) <= 0) next
    if (s != "N" && (m < 2 || length(y) <= m)) next
    one <- try(ets(x, model = paste0(e, t, s), damped = d), silent = TRUE)
    label <- paste0("ETS(", e, ",", t, if (d) "d" else "", ",", s, ")")
    aicc <- if (inherits(one, "try-error") || is.null(one$aicc)) NA else one$aicc
    forms <- c(forms, obj(method = str(label), aicc = num(aicc)))
  }
  parts <- list(name = str(name), seasonLength = m, horizon = h, y = num(y),
    method = str(fit$method), aicc = num(fit$aicc), loglik = num(fit$loglik), sigma2 = num(fit$sigma2),
    parameters = obj(alpha = num(par["alpha"]), beta = num(par["beta"]), gamma = num(par["gamma"]), phi = num(par["phi"])),
    forecast = intervals(fc), forms = paste0("[", paste(forms, collapse = ","), "]"),
    naive = intervals(naive(x, h = h, level = c(80, 95))))
  if (m >= 2 && length(y) > m) parts$snaive <- intervals(snaive(x, h = h, level = c(80, 95)))
  if (min(y) >= 0) {
    parts$croston <- num(croston(x, h = 1, alpha = 0.1)$mean[1])
    parts$croston2 <- num(croston(x, h = 1, alpha = 0.2)$mean[1])
  }
  out <- c(out, do.call(obj, parts))
}
writeLines(paste0("[", paste(out, collapse = ",\n"), "]"), args[2])
