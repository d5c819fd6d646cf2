# Writes classic series of R's datasets package (Debian: apt-get install -y r-base-core) as CSV files
# with a header "time,value": the time is R's time() of the series (decimal years), the value as R
# prints it with 10 significant digits. Run from the repository root:
#   Rscript benchmarks/forecast/export-r-datasets.R examples/data
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "examples/data"
series <- list(airpassengers = AirPassengers, co2 = co2, sunspots_yearly = sunspot.year,
               nottem = nottem, lynx = lynx)
for (name in names(series)) {
  s <- series[[name]]
  out <- data.frame(time = format(round(as.numeric(time(s)), 6), nsmall = 0, trim = TRUE),
                    value = format(as.numeric(s), digits = 10, trim = TRUE))
  path <- file.path(dir, paste0(name, ".csv"))
  write.csv(out, path, row.names = FALSE, quote = FALSE)
  cat(path, length(s), "values, frequency", frequency(s), "\n")
}
