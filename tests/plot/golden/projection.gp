# Chart written by defspend.  Edit and re-run with: gnuplot THIS-FILE.gp
# (run it in this directory; the data file and the image are named below).

# ---- house style: plots/defspend.gp ----
# defspend house style for gnuplot charts.
#
# Copied verbatim into every script `defspend plot` and `defspend report`
# write, so a script runs on its own.  Fonts: DejaVu Sans (Debian
# fonts-dejavu-core, pulled in by gnuplot); colours: the Okabe-Ito palette,
# safe for the common colour-vision deficiencies, in the order below;
# lines thick enough to read when the chart is shrunk into a report.
ds_font = 'DejaVu Sans'
ds_ink = '#222222'
ds_grey = '#666666'
# Okabe & Ito (2008): blue, vermillion, bluish green, orange,
# reddish purple, sky blue, black, yellow
set linetype 1 lc rgb '#0072B2' lw 2.5 pt 7 ps 1.1 dt 1
set linetype 2 lc rgb '#D55E00' lw 2.5 pt 5 ps 1.1 dt 1
set linetype 3 lc rgb '#009E73' lw 2.5 pt 9 ps 1.2 dt 1
set linetype 4 lc rgb '#E69F00' lw 2.5 pt 13 ps 1.2 dt 1
set linetype 5 lc rgb '#CC79A7' lw 2.5 pt 11 ps 1.2 dt 1
set linetype 6 lc rgb '#56B4E9' lw 2.5 pt 15 ps 1.1 dt 1
set linetype 7 lc rgb '#000000' lw 2.5 pt 6 ps 1.1 dt 1
set linetype 8 lc rgb '#F0E442' lw 2.5 pt 4 ps 1.1 dt 1
set linetype cycle 8
# a sequential, colour-blind-safe palette for heatmaps (ColorBrewer
# YlGnBu, light half, so black value labels stay readable on every cell)
set palette defined (0 '#ffffd9', 1 '#edf8b1', 2 '#c7e9b4', 3 '#7fcdbb', 4 '#41b6c4')
set border 3 lc rgb ds_ink lw 1
set tics nomirror out scale 0.6 textcolor rgb ds_ink
set grid ytics lc rgb '#d9d9d9' lw 1 dt 1
set grid layerdefault back
set style fill solid 0.85 noborder
set key textcolor rgb ds_ink samplen 2.5 spacing 1.15 noautotitle
set datafile separator comma
set datafile missing ''
set decimalsign '.'
# ---- end of house style ----

if (!exists('ds_data')) ds_data = 'projection.plot.csv'
if (!exists('ds_output')) ds_output = 'projection.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
set label 'Japan (JPN): paths to 3.5% and 5% of GDP, 2024-2035' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'year' noenhanced
set xrange [2013.5:2035.5]
set ylabel 'spending, current US$ bn' noenhanced
set yrange [0:237.087729151]
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 6.6
set label 'Source: military expenditure: World Bank WDI MS.MIL.XPND.CD (vintage 2025-10-07); enacted budget: Japan MoD budget table [S24 S25 S26 S26b] (vintage' at character 1, character 4.1 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label '2025-12-26); draft budget: Japan MoD budget table [S27 S28 S29] (vintage 2025-12-26); US$: history at each year''s exchange rate; projection at' at character 1, character 3 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label '¥151.37/$ held from 2024; GDP: World Bank WDI DataBank NY.GDP.MKTP.CD (vintage 2025-12-04); GDP: World Bank WDI NY.GDP.MKTP.CN (vintage 2025-10-07);' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'baseline: Japan MoD budget table [S20 S21 S22 S23] (vintage 2025-12-26); GDP growth 1.05% a year; chart: defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set bmargin 8.9
set label 'enacted' at first 2025, first 57.4797725776 right offset -0.6,0.9 boxed front noenhanced textcolor rgb ds_ink
set label 'draft' at first 2026, first 59.6916256733 right offset -0.6,0.9 boxed front noenhanced textcolor rgb ds_ink
set arrow from first 2024, graph 0 to first 2024, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label ' projection at ¥151.37/$ held' at first 2024, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
plot \
  ds_data skip 1 using 1:2 with linespoints lt 7 pt 7 title 'data: US$ at each year''s rate', \
  ds_data skip 1 using 1:(valid(3) ? column(3) : NaN) with lines lt 7 dt 2 title 'baseline held flat, $52.5 bn', \
  ds_data skip 1 using 1:4 with lines lt 1 title '3.5% of GDP by 2035: $158.1 bn', \
  ds_data skip 1 using 1:5 with lines lt 2 title '5% of GDP by 2035: $225.8 bn', \
  ds_data skip 1 using 1:6 with points lt 7 pt 5 title 'enacted budget FY2025: ¥8.70 tn', \
  ds_data skip 1 using 1:7 with points lt 7 pt 4 title 'draft budget FY2026: ¥9.04 tn'
unset output
