// Draws a small chart above each table marked data-grafiek, from the table's own figures (data-waarde: the amount
// in euros as the API writes it). The table stays: it is what screen readers and readers without JavaScript use,
// so the chart is hidden from assistive technology.
(function () {
    "use strict";
    var colours = ["#154273", "#9a5b00", "#2e6fb7"];

    function draw(table) {
        if (typeof window.Chart === "undefined") {
            return;
        }
        var rows = table.tBodies[0].rows;
        var labels = [];
        var series = [];
        var heads = table.tHead.rows[0].cells;
        for (var r = 0; r < rows.length; r++) {
            labels.push(rows[r].cells[0].textContent.trim());
            var column = 0;
            for (var c = 1; c < rows[r].cells.length; c++) {
                var value = rows[r].cells[c].getAttribute("data-waarde");
                if (value === null) {
                    continue;
                }
                if (!series[column]) {
                    series[column] = {label: heads[c].textContent.trim(), data: []};
                }
                series[column].data.push(Number(value));
                column++;
            }
        }
        var figure = document.createElement("div");
        figure.className = "grafiek";
        figure.setAttribute("aria-hidden", "true");
        var canvas = document.createElement("canvas");
        figure.appendChild(canvas);
        table.parentNode.insertBefore(figure, table);
        var kind = table.getAttribute("data-grafiek") === "lijn" ? "line" : "bar";
        new window.Chart(canvas, {
            type: kind,
            data: {
                labels: labels,
                datasets: series.map(function (s, i) {
                    return {label: s.label, data: s.data, borderColor: colours[i % colours.length],
                        backgroundColor: colours[i % colours.length]};
                })
            },
            options: {
                animation: false,
                plugins: {title: {display: true, text: table.getAttribute("data-grafiek-titel")}},
                scales: {y: {beginAtZero: true}}
            }
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var tables = document.querySelectorAll("table[data-grafiek]");
        for (var i = 0; i < tables.length; i++) {
            draw(tables[i]);
        }
    });
})();
