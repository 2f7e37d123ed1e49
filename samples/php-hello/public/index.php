<?php

declare(strict_types=1);

// Front controller: nginx sends every path that is not a file in public/ here.
require __DIR__ . '/../vendor/autoload.php';

use App\Instance;

// Integration tests sed-replace "v1" here to check that a redeploy serves new code.
const GREETING = 'Hello from Slipway v1';

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';

switch ($path) {
    case '/':
        header('Content-Type: text/plain; charset=utf-8');
        echo GREETING, ' (PHP ', PHP_VERSION, ")\n";
        break;

    case '/env':
        header('Content-Type: application/json');
        echo json_encode(Instance::describe(), JSON_THROW_ON_ERROR), "\n";
        break;

    default:
        http_response_code(404);
        header('Content-Type: text/plain; charset=utf-8');
        echo "Not found: ", $path, "\n";
}
