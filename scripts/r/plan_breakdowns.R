# Reference estimates from R's survey package for breakdowns a survey plan adds
# (docs/plan.md, [breakdowns] add): title alone and title × sex.
#
# The California API stratified sample (apistrat) in the input contract, as
# scripts/r/reference_survey.R converts it, plus a professional title (snum mod 4);
# then, with survey's own functions on that very file, for every value of each
# added breakdown (domains as subsets of the full design, as svyby does):
# headcount (svytotal), share of all workers (svymean of the domain indicator,
# deff = TRUE) and mean monthly wage (svymean, deff = TRUE).
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat/workers.csv, plan.toml and expected.csv.
# Run:    Rscript scripts/r/plan_breakdowns.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan/apistrat"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

data(api)
d <- apistrat_workers(apistrat)
write.csv(d, file.path(out, "workers.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
writeLines(c("[breakdowns]", "add = [\"title\", \"title x sex\"]"), file.path(out, "plan.toml"))
d <- read.csv(file.path(out, "workers.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
              colClasses = c(stratum = "character", psu = "character"))
d$one <- 1
d$title_x_sex <- paste(d$title, d$sex, sep = "/")
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)

rows <- list()
emit <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
for (by in c("title", "title_x_sex")) {
  for (value in sort(unique(as.character(d[[by]])))) {
    member <- as.character(d[[by]]) == value
    n <- sum(member)
    dom <- subset(design, member)
    t <- svytotal(~one, dom)
    emit(scope = "all", by = by, domain = value, indicator = "headcount", n = n,
         estimate = coef(t)[1], se = SE(t)[1], deff = NA)
    design_i <- update(design, indicator = as.numeric(member))
    m <- svymean(~indicator, design_i, deff = TRUE)
    emit(scope = "all", by = by, domain = value, indicator = "share", n = n,
         estimate = coef(m)[1], se = SE(m)[1], deff = deff(m)[1])
    m <- svymean(~monthly_wage, dom, deff = TRUE)
    emit(scope = "all", by = by, domain = value, indicator = "mean_wage", n = n,
         estimate = coef(m)[1], se = SE(m)[1], deff = if (n > 1) deff(m)[1] else NA)
  }
}
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
cat(nrow(expected), "reference rows written to", out, "\n")
