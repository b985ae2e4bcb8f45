# Regenerates the TTR reference CSVs that the indicator tests compare against.
#   Rscript packages/sdk/test/reference/ttr-reference.R   (from the repository root)
# Needs R and TTR (Debian: apt-get install r-cran-ttr). Reads ../shared/data; writes
# packages/sdk/test/reference/ttr/<series>.csv, one column per indicator output, 17 significant
# digits, an empty field for NA.
suppressMessages(library(TTR))

data_dir <- file.path("..", "shared", "data")
out_dir <- file.path("packages", "sdk", "test", "reference", "ttr")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

write_columns <- function(columns, file) {
  text <- lapply(columns, function(x) {
    x <- as.numeric(x)
    ifelse(is.na(x), "", trimws(formatC(x, digits = 17, format = "g")))
  })
  frame <- as.data.frame(text, stringsAsFactors = FALSE)
  names(frame) <- names(columns)
  write.csv(frame, file.path(out_dir, file), row.names = FALSE, quote = FALSE)
}

# Indicators of one close series.
close_columns <- function(x) {
  macd <- MACD(x, 12, 26, 9, maType = "EMA", percent = FALSE)
  kst <- KST(x)
  stoch_rsi <- stoch(RSI(x, 14), nFastK = 14, nFastD = 3, nSlowD = 3)
  list(
    close = x,
    dema_10 = DEMA(x, 10),
    zlema_10 = ZLEMA(x, 10),
    zlema_9 = ZLEMA(x, 9),
    hma_20 = HMA(x, 20),
    alma_9 = ALMA(x, 9, 0.85, 6),
    trix_15 = TRIX(x, 15, percent = TRUE)[, "TRIX"],
    dpo_20 = DPO(x, 20),
    cmo_14 = CMO(x, 14),
    kst = kst[, "kst"],
    kst_signal = kst[, "signal"],
    momentum_10 = momentum(x, 10),
    macd_ttr = macd[, "macd"],
    macd_ttr_signal = macd[, "signal"],
    stochrsi_fastk = stoch_rsi[, "fastK"],
    stochrsi_fastd = stoch_rsi[, "fastD"],
    stochrsi_slowd = stoch_rsi[, "slowD"]
  )
}

eu <- read.csv(file.path(data_dir, "eustockmarkets.csv"))
write_columns(close_columns(eu$DAX), "dax.csv")

msft <- read.csv(file.path(data_dir, "msft.csv"))
hl <- cbind(msft$High, msft$Low)
hlc <- cbind(msft$High, msft$Low, msft$Close)
ohlc <- cbind(msft$Open, msft$High, msft$Low, msft$Close)
aroon_25 <- aroon(hl, 25)
donchian_20 <- DonchianChannel(hl, 20)
atr_14 <- ATR(hlc, 14)
emv_14 <- EMV(hl, msft$Volume, 14)
vol <- function(calc) volatility(ohlc, n = 10, calc = calc, N = 260)
columns <- c(
  close_columns(msft$Close),
  list(
    vwma_20 = VWMA(msft$Close, msft$Volume, 20),
    aroon_up = aroon_25[, "aroonUp"],
    aroon_down = aroon_25[, "aroonDn"],
    aroon_oscillator = aroon_25[, "oscillator"],
    donchian_high = donchian_20[, "high"],
    donchian_mid = donchian_20[, "mid"],
    donchian_low = donchian_20[, "low"],
    sar = SAR(hl, c(0.02, 0.2)),
    ultimate = ultimateOscillator(hlc),
    williams_ad = williamsAD(hlc),
    chaikin_volatility_10 = chaikinVolatility(hl, 10),
    chaikin_ad = chaikinAD(hlc, msft$Volume),
    cmf_20 = CMF(hlc, msft$Volume, 20),
    emv_14 = emv_14[, "emv"],
    emv_14_ma = emv_14[, "maEMV"],
    natr_14 = 100 * atr_14[, "atr"] / msft$Close,
    vol_close = vol("close"),
    vol_parkinson = vol("parkinson"),
    vol_garman_klass = vol("garman.klass"),
    vol_rogers_satchell = vol("rogers.satchell"),
    vol_yang_zhang = vol("yang.zhang")
  )
)
write_columns(columns, "msft.csv")
cat("TTR", as.character(packageVersion("TTR")), "reference written to", out_dir, "\n")
