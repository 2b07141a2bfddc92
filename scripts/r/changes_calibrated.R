# Reference changes between two calibrated waves from R's survey package (changes.csv,
# docs/estimation.md): scripts/r/changes.R's two waves of the same schools, each wave's weights
# raked to its own population counts, then the difference and relative change between them
# with the covariance of the two waves and the calibration residuals in their SEs.
#
# The California API stratified sample (apistrat) in the input contract, as scripts/r/changes.R
# writes it, as two waves of the same schools:
#   workers_1999.csv  monthly_wage = api99, enrollment = enroll;
#   workers_2000.csv  monthly_wage = api00, enrollment = enroll + 3·(snum mod 7).
# population.csv gives each wave's counts of industry (C/G/K from stype E/M/H) and sex (M when
# comp.imp is "Yes"): 1999 all 6194 California schools (apipop), as scripts/r/calibration.R
# counts them; 2000 the same grand total with industry C and sex M 2 % larger (rounded to
# whole schools) and the other codes of each margin smaller by the difference, shared in
# proportion to their counts (largest remainders), so that the two waves' weights differ.
# The plan is changes.R's (enrollment a number with a total, a rate monthly_wage > 700) and
# [calibration] method = "rake" on industry and sex.
# Then, with survey's own functions on the two files stacked (one design: strata stype, PSUs
# the schools, nested, with the fpc; a school of both waves is one cluster), calibrated with
# calibrate(design, ~0 + factor(year) + factor(year):industry + factor(year):sex, totals,
# calfun = "raking", epsilon = 1e-12, maxit = 100): each wave its own intercept and its own
# industry and sex columns, so each wave is raked to its own counts (the script checks that
# raking each wave alone gives the same weights, and that each wave's calibrated counts are its
# population's). For all workers, each sex and each industry (stype): svyby(~y, ~year(+by),
# calibrated, svymean or svytotal, covmat = TRUE) (with the covariance computed as svyby's
# survey.design2 method does, which survey 4.1.1 cannot do itself on a calibrated design; see
# svyby_covmat below), then svycontrast for the difference
# (2000 − 1999) and the relative change (2000/1999 − 1, delta method), and for the mean wage
# ln(2000/1999) (wage_vs_economy.csv's log_mean_growth); SEs and normal 95 % intervals.
# se_independent is the SE the two waves would have if they were independent samples, from
# the calibrated per-wave SEs, as changes.R defines it. n is the fewer rows of the domain in
# the two waves.
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-changes-calibrated/
#         {workers_1999.csv,workers_2000.csv,population.csv,plan.toml,expected.csv}
# Run:    Rscript scripts/r/changes_calibrated.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-changes-calibrated"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

data(api)
a <- apistrat
waves <- list()
for (year in c(1999L, 2000L)) {
  d <- apistrat_workers(a)
  d$year <- year
  d$monthly_wage <- if (year == 1999L) a$api99 else a$api00
  d$enrollment <- if (year == 1999L) a$enroll else a$enroll + 3 * (a$snum %% 7)
  write.csv(d, file.path(out, paste0("workers_", year, ".csv")), row.names = FALSE, fileEncoding = "UTF-8", na = "")
  waves[[as.character(year)]] <- d
}

# Each wave's population counts: apipop's for 1999; for 2000 the grown code 2 % larger and the
# margin's other codes smaller by as much, in proportion to their counts.
pop <- data.frame(
  industry = c(E = "C", M = "G", H = "K")[as.character(apipop$stype)],
  sex = ifelse(yn(apipop$comp.imp) == 1, "M", "F"), stringsAsFactors = FALSE)
codes <- list(industry = c("C", "G", "K"), sex = c("M", "F"))
grown <- c(industry = "C", sex = "M")
counts_1999 <- lapply(setNames(names(codes), names(codes)), function(margin)
  setNames(sapply(codes[[margin]], function(code) sum(pop[[margin]] == code)), codes[[margin]]))
grow <- function(counts, code) {
  up <- round(0.02 * counts[[code]])
  others <- setdiff(names(counts), code)
  share <- up * counts[others] / sum(counts[others])
  down <- floor(share)
  last <- order(share - down, decreasing = TRUE)[seq_len(up - sum(down))]
  down[last] <- down[last] + 1
  counts[code] <- counts[code] + up
  counts[others] <- counts[others] - down
  counts
}
counts <- list(
  `1999` = counts_1999,
  `2000` = lapply(setNames(names(codes), names(codes)), function(margin) grow(counts_1999[[margin]], grown[[margin]])))
population <- do.call(rbind, lapply(names(counts), function(year) do.call(rbind, lapply(names(codes), function(margin)
  data.frame(year = as.integer(year), margin = margin, code = codes[[margin]],
             total = unname(counts[[year]][[margin]][codes[[margin]]]), stringsAsFactors = FALSE)))))
rownames(population) <- NULL
print(population)
for (year in names(counts)) stopifnot(sum(counts[[year]]$industry) == nrow(pop), sum(counts[[year]]$sex) == nrow(pop))
write.csv(population, file.path(out, "population.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "", quote = FALSE)

writeLines(c(
  "[columns.enrollment]",
  "type = \"number\"",
  "en = \"Enrolment\"",
  "zh = \"学生数\"",
  "min = 0",
  "max = 10000",
  "",
  "[rates.high_score]",
  "en = \"Share scoring above 700\"",
  "zh = \"成绩指数超过700的比例\"",
  "when = \"monthly_wage > 700\"",
  "",
  "[totals.enrolment_total]",
  "column = \"enrollment\"",
  "en = \"Total enrolment\"",
  "zh = \"学生总数\"",
  "unit = { en = \"pupils\", zh = \"人\" }",
  "",
  "[calibration]",
  "method = \"rake\"",
  "margins = [\"industry\", \"sex\"]",
  "tolerance = 1e-12",
  "max_iterations = 100"), file.path(out, "plan.toml"))

st <- do.call(rbind, waves)
rownames(st) <- NULL
st$high <- as.numeric(st$monthly_wage > 700)
st$all <- "all"
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = st, nest = TRUE)

# calibrate()'s totals, named as the model matrix's columns: each wave's count (its intercept),
# then each wave's count of each code but the first (alphabetical) level of each margin.
model <- ~0 + factor(year) + factor(year):industry + factor(year):sex
totals <- c(
  `factor(year)1999` = nrow(pop), `factor(year)2000` = nrow(pop),
  `factor(year)1999:industryG` = counts$`1999`$industry[["G"]], `factor(year)2000:industryG` = counts$`2000`$industry[["G"]],
  `factor(year)1999:industryK` = counts$`1999`$industry[["K"]], `factor(year)2000:industryK` = counts$`2000`$industry[["K"]],
  `factor(year)1999:sexM` = counts$`1999`$sex[["M"]], `factor(year)2000:sexM` = counts$`2000`$sex[["M"]])
mm <- colnames(model.matrix(model, st))
cat("model.matrix columns of", deparse(model), ":", mm, "\n")
stopifnot(identical(mm, names(totals)))
cal <- calibrate(design, model, population = totals, calfun = "raking", epsilon = 1e-12, maxit = 100)

# The same weights as raking each wave alone to its own counts.
separate <- rep(NA_real_, nrow(st))
for (year in names(counts)) {
  rows <- st$year == as.integer(year)
  wave <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = st[rows, ], nest = TRUE)
  c_year <- counts[[year]]
  own <- calibrate(wave, ~industry + sex, population = c(
    `(Intercept)` = nrow(pop), industryG = c_year$industry[["G"]], industryK = c_year$industry[["K"]], sexM = c_year$sex[["M"]]),
    calfun = "raking", epsilon = 1e-12, maxit = 100)
  separate[rows] <- weights(own)
}
cat("largest |weights(stacked calibration) - weights(each wave raked alone)|:", max(abs(weights(cal) - separate)), "\n")
cat("largest relative difference:", max(abs(weights(cal) / separate - 1)), "\n")
# Each wave's calibrated counts are its population's.
misfit <- 0
for (year in names(counts)) for (margin in names(codes)) for (code in codes[[margin]]) {
  got <- sum(weights(cal)[st$year == as.integer(year) & st[[margin]] == code])
  misfit <- max(misfit, abs(got - counts[[year]][[margin]][[code]]))
  cat(year, margin, code, "calibrated", got, "population", counts[[year]][[margin]][[code]], "\n")
}
cat("largest |calibrated count - population count|:", misfit, "\n")
stopifnot(misfit < 1e-6)
g <- weights(cal) / weights(design)
cat("g-weights: 1999", range(g[st$year == 1999L]), "; 2000", range(g[st$year == 2000L]), "\n")

z <- qnorm(0.975)
rows <- list()
emit <- function(by, value, indicator, change, n, est, se, se_independent) {
  rows[[length(rows) + 1]] <<- data.frame(
    year = 2000L, base_year = 1999L, scope = "all", by = by, domain = value, indicator = indicator,
    change = change, n = n, estimate = est, se = se, ci_low = est - z * se, ci_high = est + z * se,
    se_independent = se_independent, stringsAsFactors = FALSE)
}
measures <- list(
  list(indicator = "mean_wage", formula = ~monthly_wage, fun = svymean),
  list(indicator = "high_score", formula = ~high, fun = svymean),
  list(indicator = "enrolment_total", formula = ~enrollment, fun = svytotal))
# svyby(..., covmat = TRUE) as survey.design2's method computes it: each domain's influence
# functions side by side, their covariance by svyrecvar() with the design's calibration
# (postStrata), so with the calibration residuals. survey 4.1.1's svyby stops on a calibrated
# design ("number of items to replace is not a multiple of replacement length"): a calibrated
# design's domain keeps all the rows (weight 0 outside), so its influence functions already
# have a row per row of the design, while svyby writes them into the domain's rows only. Here
# they are taken as they are; on the uncalibrated design this gives svyby's own covariance.
svyby_covmat <- function(formula, by, dsg, FUN) {
  est <- svyby(formula, by, dsg, FUN)
  cell <- do.call(interaction, model.frame(by, model.frame(dsg)))
  influence <- sapply(rownames(est), function(level) {
    r <- attr(FUN(formula, dsg[cell %in% level, ], influence = TRUE), "influence")
    full <- matrix(0, nrow = length(cell), ncol = 1)
    if (NROW(r) == length(cell)) full[] <- r else full[cell %in% level, ] <- r
    full
  })
  attr(est, "var") <- svyrecvar(influence, dsg$cluster, dsg$strata, dsg$fpc, postStrata = dsg$postStrata)
  est
}
largest_se_gap <- 0
largest_vcov_gap <- 0
for (by in c("all", "sex", "industry")) {
  for (m in measures) {
    f <- as.formula(paste0("~year + ", by))
    # The helper gives svyby's own covariance on the uncalibrated design.
    largest_vcov_gap <- max(largest_vcov_gap,
      abs(vcov(svyby_covmat(m$formula, f, design, m$fun)) - vcov(svyby(m$formula, f, design, m$fun, covmat = TRUE))))
    est <- svyby_covmat(m$formula, f, cal, m$fun)
    # svyby's covariance (from the influence functions and the calibration residuals) has on
    # its diagonal the SE of each wave's domain estimated alone.
    largest_se_gap <- max(largest_se_gap, abs(sqrt(diag(vcov(est))) / SE(est) - 1))
    for (value in sort(unique(as.character(st[[by]])))) {
      before <- paste0("1999.", value)
      after <- paste0("2000.", value)
      k <- match(c(before, after), rownames(est))
      member <- as.character(st[[by]]) == value
      for (wave in c(1999L, 2000L)) {
        cell <- member & st$year == wave
        alone <- m$fun(m$formula, subset(cal, cell))
        largest_se_gap <- max(largest_se_gap, abs(SE(alone)[1] - SE(est)[match(paste0(wave, ".", value), rownames(est))]) / SE(alone)[1])
      }
      n <- min(sum(member & st$year == 1999L), sum(member & st$year == 2000L))
      ses <- SE(est)[k]
      independent <- sqrt(sum(ses^2))
      weights <- setNames(rep(0, nrow(est)), rownames(est))
      weights[before] <- -1
      weights[after] <- 1
      d <- svycontrast(est, weights)
      emit(by, value, m$indicator, "difference", n, coef(d)[1], SE(d)[1], independent)
      e <- eval(bquote(svycontrast(est, quote(.(as.name(after)) / .(as.name(before)) - 1))))
      b <- coef(est)[k]
      emit(by, value, m$indicator, "relative", n, coef(e)[1], SE(e)[1], sqrt((ses[2] / b[1])^2 + (b[2] * ses[1] / b[1]^2)^2))
      if (m$indicator == "mean_wage") {
        # wage_vs_economy.csv's log_mean_growth: ln(2000/1999).
        g <- eval(bquote(svycontrast(est, quote(log(.(as.name(after)) / .(as.name(before)))))))
        emit(by, value, "log_mean_growth", "log", n, coef(g)[1], SE(g)[1], sqrt((ses[1] / b[1])^2 + (ses[2] / b[2])^2))
      }
    }
  }
}
cat("largest |covariance of svyby_covmat - svyby(covmat = TRUE)| on the uncalibrated design:", largest_vcov_gap, "\n")
cat("largest relative gap between svyby's SEs, the covariance's diagonal and each domain alone:", largest_se_gap, "\n")
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
cat(nrow(expected), "reference rows written to", out, "\n")
