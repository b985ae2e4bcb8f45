# Reference values for @da-ki/ml's ArimaForecaster with include: 'none' (d = 1):
# R's stats::arima(x, order = c(p, 1, q), method = "CSS-ML", include.mean = FALSE) — no mean and no drift when d > 0 —
# and predict(fit, n.ahead = 30): forecasts and standard errors (95 % interval = mean ± 1.96 se).
# One case with d = 0 and include.mean = FALSE: include 'none' on a stationary series.
# Run from this folder: Rscript arima-css-ml.R   (writes arima-css-ml.json; the committed copy is
# then formatted by `npx biome check --write`, which changes only whitespace)
set.seed(20261204)
n <- 400
cases <- list(
  list(name = "arima111", order = c(1, 1, 1),
       x = cumsum(arima.sim(list(ar = 0.6, ma = -0.3), n = n, sd = 1)) + 100),
  list(name = "arima011", order = c(0, 1, 1),
       x = cumsum(arima.sim(list(ma = 0.4), n = n, sd = 0.5)) + 50),
  list(name = "arima210", order = c(2, 1, 0),
       x = cumsum(arima.sim(list(ar = c(0.5, -0.3)), n = n, sd = 2)) + 10),
  list(name = "arma11_zero_mean", order = c(1, 0, 1),
       x = arima.sim(list(ar = 0.5, ma = 0.4), n = n, sd = 1))
)
json_vec <- function(v) paste0("[", paste(sprintf("%.12g", v), collapse = ", "), "]")
out <- c()
for (case in cases) {
  x <- as.numeric(case$x)
  fit <- stats::arima(x, order = case$order, method = "CSS-ML", include.mean = FALSE)
  fc <- predict(fit, n.ahead = 30)
  out <- c(out, sprintf(
    '  "%s": {"order": %s, "series": %s, "coef": %s, "sigma2": %.12g, "loglik": %.12g, "mean": %s, "se": %s}',
    case$name, json_vec(case$order), json_vec(x), json_vec(coef(fit)), fit$sigma2, fit$loglik,
    json_vec(fc$pred), json_vec(fc$se)))
}
writeLines(c("{", paste0('  "R": "', R.version.string, '",'), paste(out, collapse = ",\n"), "}"), "arima-css-ml.json")
